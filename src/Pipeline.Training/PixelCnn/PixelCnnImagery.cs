using Pipeline.Onnx.Sampling;

namespace Pipeline.Training.PixelCnn;

/// <summary>Generated images of a PixelCNN over pixels, as planar float pixels for grids and IDX files.</summary>
public static class PixelCnnImagery
{
    /// <summary>
    /// Draws one image per label (or <paramref name="count"/> unconditional images), image n from seed
    /// <paramref name="seed"/> + n, and returns their pixels (N·1·H·W in [0, 1]) and labels (zeros when unconditional).
    /// </summary>
    public static (float[] Pixels, int[] Labels) Sample(Models.PixelCnn.PixelCnn net, int count, IReadOnlyList<int>? requested, int seed, CategoricalSampling sampling, Device device)
    {
        using var scope = NewDisposeScope();
        var labels = PixelCnnSampler.Labels(net, count, requested);
        var seeds = Enumerable.Range(0, count).Select(n => (long)seed + n).ToArray();
        using var grid = PixelCnnSampler.Sample(net, seeds, labels is null ? null : tensor(labels, device: device), null, sampling, device);
        var images = PixelCnnLikelihood.ToImages(grid, net.Options.Levels);
        var pixels = images.cpu().contiguous().data<float>().ToArray();
        return (pixels, labels?.Select(l => (int)l).ToArray() ?? new int[count]);
    }
}
