using Pipeline.Models.Gans;
using Pipeline.Models.ProGan;
using Pipeline.Training.Gans;

namespace Pipeline.Training.ProGan;

/// <summary>Images of a Progressive GAN generator as pixels in [0, 1]: batched, at any growth stage, and cropped back to the data's own size.</summary>
public static class ProGanSampling
{
    /// <summary>
    /// The options the GAN family's latent and label helpers (<see cref="GanSampling"/>) read, so that both families
    /// draw fixed grids and cycle labels the same way.
    /// </summary>
    public static GanOptions SamplingShape(ProGanOptions o) => new(Channels: o.Channels, ImageSize: o.ImageSize, ClassCount: o.ClassCount, LatentSize: o.LatentSize);

    /// <summary>
    /// G(z, labels) at <paramref name="level"/> faded by <paramref name="alpha"/> (the grown network by default), mapped
    /// to [0, 1] and doubled by nearest neighbour up to the full size, in batches and in eval mode: (N, C, S, S).
    /// </summary>
    public static Tensor Generate(ProGanGenerator generator, Tensor z, Tensor labels, int? level = null, double alpha = 1, int batchSize = 500)
    {
        using var mode = new EvaluationMode(generator);
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        var l = level ?? generator.Options.Levels;
        for (long start = 0; start < z.shape[0]; start += batchSize)
        {
            var n = Math.Min(batchSize, z.shape[0] - start);
            var images = DcganGenerator.ToUnitRange(generator.Grow(z.narrow(0, start, n), labels.narrow(0, start, n), l, alpha));
            for (var s = l; s < generator.Options.Levels; s++)
            {
                images = ProGanResampling.Double(images);
            }

            parts.Add(images);
        }

        return cat(parts).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The centre <paramref name="height"/> × <paramref name="width"/> of images (N, C, S, S): generated Fashion-MNIST
    /// at 32×32 back to the 28×28 of the data (which training padded), so that the classifier trained on the data judges them.
    /// </summary>
    public static Tensor Crop(Tensor images, long height, long width)
    {
        var (top, left) = ((images.shape[2] - height) / 2, (images.shape[3] - width) / 2);
        return images.narrow(2, top, height).narrow(3, left, width);
    }
}
