using BenchmarkDotNet.Attributes;
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
[MemoryDiagnoser]
public abstract class TranslationTrainingBenchmarks
{
    // Batches of random images the recipe's loader cycles through.
    private const int Batches = 8;
    private TranslationTrainingRecipe _recipe = null!;
    private long _step;

    /// <summary>Image pairs per step: the recipes' default.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The default batch size of the translation recipes.</summary>
    public static IEnumerable<int> BatchSizes => [new TranslationTrainingOptions().BatchSize];

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        var config = Config(new TranslationTrainingOptions(Steps: 1_000_000, BatchSize: Batch));
        var ((inChannels, inSize), (outChannels, outSize)) = TranslationTrainingRecipe.Shapes(config);
        var count = Batch * Batches;
        var images = new TranslationImages(RandomImages.Create(count, inChannels, inSize), RandomImages.Create(count, outChannels, outSize, seed: 1), config.Data.IsPaired);
        _recipe = new TranslationTrainingRecipe(config, images, images, CPU);
        _step = 0;
        var discriminator = (PatchDiscriminator)_recipe.Modules.First(m => m.Name.StartsWith("discriminator", StringComparison.Ordinal)).Module;
        var generatorMacs = OnnxModelSummary.Read(GeneratorFile).MacsPerSample;
        Reporting.ModelMacs.RecordPerImage(GetType(), StepMacsPerImage(generatorMacs, ForwardMacs(discriminator, DiscriminatorInput(config))));
    }

    [Benchmark(Description = "train step (G and D updates, Adam)")]
    public double TrainStep() => _recipe.Step(_step++).Shown[0].Value;

    [GlobalCleanup]
    public void Cleanup() => _recipe.Dispose();

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
