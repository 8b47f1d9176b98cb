using Pipeline.Data.Translation;
using Pipeline.Export;
using Pipeline.Models.Translation;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of a translation recipe at the default batch of <c>train pix2pix|cyclegan</c> (16) through the shipped
/// <see cref="TranslationTrainingRecipe.Step"/> (batch gathering, learning-rate schedule, the recipe's G and D updates)
/// on random images of the preset's size. Utilisation counts G's MACs per image from the translator export of
/// <see cref="Engines.BenchmarkModels"/> and D's from exporting the recipe's own discriminator once, unverified, to
/// a temporary file (D is never exported otherwise); each recipe says how many of each one step runs.
/// </summary>
public abstract class TranslationTrainingBenchmarks : TrainingStepBenchmarks
{
    private TranslationTrainingRecipe _recipe = null!;

    /// <inheritdoc />
    public override IEnumerable<int> BatchSizes => [new TranslationTrainingOptions().BatchSize];

    /// <inheritdoc />
    protected override long Prepare()
    {
        var config = Config(new TranslationTrainingOptions(Steps: 1_000_000, BatchSize: Batch));
        var ((inChannels, inSize), (outChannels, outSize)) = TranslationTrainingRecipe.Shapes(config);
        var count = Batch * Batches;
        var images = new TranslationImages(RandomImages.Create(count, inChannels, inSize), RandomImages.Create(count, outChannels, outSize, seed: 1), config.Data.IsPaired);
        _recipe = new TranslationTrainingRecipe(config, images, images, CPU);
        var discriminator = (PatchDiscriminator)_recipe.Modules.First(m => m.Name.StartsWith("discriminator", StringComparison.Ordinal)).Module;
        return StepMacsPerImage(OnnxModelSummary.Read(GeneratorFile).MacsPerSample, ForwardMacs(discriminator, DiscriminatorInput(config)));
    }

    /// <inheritdoc />
    protected override double Step(long step) => _recipe.Step(step).Shown[0].Value;

    /// <inheritdoc />
    protected override void Release() => _recipe.Dispose();

    /// <summary>The run configuration of the recipe, with <paramref name="training"/>'s batch size.</summary>
    protected abstract TranslationRunConfig Config(TranslationTrainingOptions training);

    /// <summary>The generator's export (same options as <see cref="Config"/>), whose summary gives G's MACs per image.</summary>
    protected abstract string GeneratorFile { get; }

    /// <summary>(C, H, W) of what D judges.</summary>
    protected abstract long[] DiscriminatorInput(TranslationRunConfig config);

    /// <summary>MACs per image pair of one step, given G's and D's forward MACs per image.</summary>
    protected abstract long StepMacsPerImage(long generator, long discriminator);

    // D's layers as one Sequential, which the exporter's default converters cover; the summary counts what `inspect` counts.
    private static long ForwardMacs(PatchDiscriminator discriminator, long[] input)
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-bench-d-").FullName;
        try
        {
            var report = OnnxExporter.Export(discriminator.Model, new OnnxExportOptions
            {
                OutputPath = Path.Combine(folder, "discriminator.onnx"),
                Inputs = [OnnxTensorSpec.Batched("image", input)],
                OutputNames = ["score"],
                Verify = false,
            });
            return OnnxModelSummary.Read(report.Path).MacsPerSample;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
