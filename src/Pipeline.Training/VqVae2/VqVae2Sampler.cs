using Pipeline.Models;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Training.VqVae2;

/// <summary>
/// Ancestral sampling from a VQ-VAE-2 with its two priors (Razavi et al. 2019, section 3.2): the top grid from the
/// class-conditional top prior, then the bottom grid from the bottom prior given that top grid and the class, then both
/// decoded. Image seed s draws its top grid from stream <see cref="SampleStreams.For"/>(<see cref="SampleStreams.ForLevel"/>(s, 0))
/// and its bottom grid from stream For(ForLevel(s, 1)), each read once per position in raster order
/// (<see cref="PixelCnnSampler"/>), so an image depends only on its seed and class, whatever else is in the batch, and an
/// ONNX Runtime sampler reading the same streams draws the same codes.
/// </summary>
public static class VqVae2Sampler
{
    /// <summary>
    /// One image per (seed, label): images (N, C, H, W) in [0, 1] in the caller's dispose scope, and the grids top (N, t, t)
    /// and bottom (N, b, b), int64, which the caller owns.
    /// </summary>
    /// <exception cref="ArgumentException">The priors do not fit the autoencoder's grids and codebook, or a label is out of range.</exception>
    public static (Tensor Images, Tensor Top, Tensor Bottom) Sample(VqVae2Autoencoder autoencoder, Models.PixelCnn.PixelCnn top, Models.PixelCnn.PixelCnn bottom,
        IReadOnlyList<long> imageSeeds, IReadOnlyList<long> labels, CategoricalSampling sampling, Device device)
    {
        CheckFit(autoencoder.Options, top.Options, bottom.Options);
        if (labels.Count != imageSeeds.Count)
        {
            throw new ArgumentException($"One label per image seed: {imageSeeds.Count} seeds, {labels.Count} labels.", nameof(labels));
        }

        using var modes = ModuleModes.Eval(autoencoder);
        using var noGrad = no_grad();
        Tensor? topGrid = null;
        Tensor? bottomGrid = null;
        try
        {
            using var scope = NewDisposeScope();
            var classes = tensor(labels.ToArray(), device: device);                                                                              // (N)
            topGrid = PixelCnnSampler.Sample(top, imageSeeds.Select(s => SampleStreams.ForLevel(s, 0)).ToArray(),
                top.Options.IsClassConditional ? classes : null, null, sampling, device);                                                       // (N, t, t)
            bottomGrid = PixelCnnSampler.Sample(bottom, imageSeeds.Select(s => SampleStreams.ForLevel(s, 1)).ToArray(),
                bottom.Options.IsClassConditional ? classes : null, topGrid, sampling, device);                                                  // (N, b, b)
            var images = autoencoder.DecodeCodes(topGrid, bottomGrid).MoveToOuterDisposeScope();                                             // (N, C, H, W)
            return (images, topGrid, bottomGrid);
        }
        catch
        {
            topGrid?.Dispose();
            bottomGrid?.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the mismatch when the priors were not made for this autoencoder's codes.</summary>
    public static void CheckFit(VqVae2Options autoencoder, Models.PixelCnn.PixelCnnOptions top, Models.PixelCnn.PixelCnnOptions bottom)
    {
        var (t, b, k) = (autoencoder.TopGrid, autoencoder.BottomGrid, autoencoder.CodebookSize);
        if (top.Height != t || top.Width != t || top.Levels != k || top.IsSpatiallyConditioned)
        {
            throw new ArgumentException($"The top prior models {top.Height}x{top.Width} grids of {top.Levels} codes; the autoencoder's top grid is {t}x{t} of {k} codes (unconditioned).", nameof(top));
        }

        if (bottom.Height != b || bottom.Width != b || bottom.Levels != k || bottom.ConditionLevels != k || bottom.ConditionHeight != t || bottom.ConditionWidth != t)
        {
            throw new ArgumentException($"The bottom prior models {bottom.Height}x{bottom.Width} grids of {bottom.Levels} codes given {bottom.ConditionHeight}x{bottom.ConditionWidth} of {bottom.ConditionLevels}; the autoencoder needs {b}x{b} of {k} given {t}x{t} of {k}.", nameof(bottom));
        }

        if (top.ClassCount != bottom.ClassCount)
        {
            throw new ArgumentException($"The top prior knows {top.ClassCount} classes, the bottom prior {bottom.ClassCount}.", nameof(bottom));
        }
    }
}
