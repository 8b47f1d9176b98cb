using BenchmarkDotNet.Attributes;
using Pipeline.Training.Translation;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train cyclegan</c> on its default sneaker ↔ ankle boot shape (1×28×28, ResNet generators and
/// PatchGANs of width 32, identity loss on). images/s counts pairs (an image of each domain). MACs per pair:
/// 18·G + 16·D. Six generator passes (G(a), F(b), the two cycles, the two identities), each forward and backward
/// (3·G); D_A(G(a)) and D_B(F(b)) with frozen weights for the generators' loss, forward and input gradient (2·D each);
/// then each D on a real and a pooled fake image with weight and input gradients (3·D each, four in all).
/// </summary>
[BenchmarkCategory("CycleGAN training")]
public class CycleGanTrainingBenchmarks : TranslationTrainingBenchmarks
{
    /// <inheritdoc />
    protected override string GeneratorFile => Engines.BenchmarkModels.CycleGan.File;

    /// <inheritdoc />
    protected override TranslationRunConfig Config(TranslationTrainingOptions training) =>
        new(TranslationRecipeKind.CycleGan, new TranslationData(TranslationDataKind.FashionSneakerBoot, "random images"), training, CycleGan: new CycleGanOptions());

    /// <inheritdoc />
    protected override long[] DiscriminatorInput(TranslationRunConfig config) => [config.InputChannels, config.Data.ImageSize, config.Data.ImageSize];

    /// <inheritdoc />
    protected override long StepMacsPerImage(long generator, long discriminator) => (18 * generator) + (16 * discriminator);
}
