using Pipeline.Models.VqVae2;
using Pipeline.Training.Batching;

namespace Pipeline.Training.VqVae2;

/// <summary>Reconstruction quality and codebook use of a VQ-VAE-2 on held-out images.</summary>
/// <param name="Images">Images evaluated.</param>
/// <param name="Mse">Mean squared error per pixel of the reconstructions clipped to [0, 1].</param>
/// <param name="Psnr">10·log10(1 / Mse) dB: the PSNR of the set's pooled MSE (a per-image mean of PSNRs would read higher).</param>
/// <param name="Top">Top-level codebook use.</param>
/// <param name="Bottom">Bottom-level codebook use.</param>
public sealed record VqVae2Evaluation(int Images, double Mse, double Psnr, CodebookUsage Top, CodebookUsage Bottom);

/// <summary>Evaluates in eval mode (codebooks untouched), batch by batch.</summary>
public static class VqVae2Evaluator
{
    /// <summary>MSE, PSNR and per-level usage and perplexity over <paramref name="data"/>.</summary>
    public static VqVae2Evaluation Evaluate(VqVae2Autoencoder model, ImageDataset data, Device device, int batchSize = 256)
    {
        var loader = new MiniBatchLoader(data, batchSize, seed: 0, device, shuffle: false);
        var topCounts = new long[model.Options.CodebookSize];
        var bottomCounts = new long[model.Options.CodebookSize];
        var squaredError = 0.0;
        using var mode = new EvaluationMode(model);
        foreach (var batch in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            var images = loader.Gather(batch).Images;                             // (B, C, H, W)
            var (reconstruction, _, top, bottom) = model.call(images);
            squaredError += (reconstruction.clamp(0, 1) - images).pow(2).sum().cpu().item<float>();
            Count(top, topCounts);
            Count(bottom, bottomCounts);
        }

        var mse = squaredError / ((double)data.Count * data.PixelsPerImage);
        return new VqVae2Evaluation(data.Count, mse, Psnr(mse), Usage(topCounts), Usage(bottomCounts));
    }

    /// <summary>10·log10(1 / mse) for images in [0, 1].</summary>
    public static double Psnr(double mse) => 10 * Math.Log10(1 / Math.Max(mse, 1e-12));

    /// <summary>Codes used and exp(entropy) of a histogram of code counts.</summary>
    public static CodebookUsage Usage(IReadOnlyList<long> counts)
    {
        var total = (double)counts.Sum();
        var entropy = 0.0;
        foreach (var c in counts.Where(c => c > 0))
        {
            var p = c / total;
            entropy -= p * Math.Log(p);
        }

        return new CodebookUsage(counts.Count(c => c > 0), Math.Exp(entropy));
    }

    private static void Count(Tensor codes, long[] counts)
    {
        var histogram = codes.reshape(-1).bincount(null, counts.Length).cpu().data<long>().ToArray();
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += histogram[i];
        }
    }
}
