using BenchmarkDotNet.Attributes;
using Pipeline.Training.Translation;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train pix2pix</c> on its default edges → item shape (1×32×32, U-Net and PatchGAN of width 32).
/// MACs per image pair: 3·G + 8·D. G runs forward once and backward once (2·G); D judges (edges, fake) with frozen
/// weights for G's loss, forward and input gradient (2·D), then (edges, item) and (edges, fake) with weight and input
/// gradients in D's step (3·D each).
/// </summary>
[BenchmarkCategory("pix2pix training")]
public class Pix2PixTrainingBenchmarks : TranslationTrainingBenchmarks
{
    /// <inheritdoc />
    protected override string GeneratorFile => Engines.BenchmarkModels.Pix2Pix.File;

    /// <inheritdoc />
    protected override TranslationRunConfig Config(TranslationTrainingOptions training)
    {
        var options = new Pix2PixOptions();
        return new(TranslationRecipeKind.Pix2Pix, new TranslationData(TranslationDataKind.FashionEdges, "random images", ImageSize: options.ImageSize), training, Pix2Pix: options);
    }

    /// <inheritdoc />
    protected override long[] DiscriminatorInput(TranslationRunConfig config) =>
        [config.InputChannels + config.OutputChannels, config.Data.ImageSize, config.Data.ImageSize];

    /// <inheritdoc />
    protected override long StepMacsPerImage(long generator, long discriminator) => (3 * generator) + (8 * discriminator);
}
