using BenchmarkDotNet.Attributes;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Summary;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train pixelcnn --preset fashion28-small</c> (the default batch of 32: forward over every pixel,
/// 256-way cross-entropy, backward, Adam) through the shipped <see cref="PixelCnnRecipe.Step"/>. Utilisation uses
/// 3 × the MACs per image of the same preset's exported forward (pixelcnn.onnx): forward once, backward taken as twice
/// the forward.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("PixelCNN training")]
public class PixelCnnTrainingBenchmarks
{
    // Batches of random images the recipe's loader cycles through.
    private const int Batches = 8;
    private PixelCnnRecipe _recipe = null!;
    private long _step;

    /// <summary>Images per step: the recipe's default.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The default batch size of <c>train pixelcnn</c>.</summary>
    public static IEnumerable<int> BatchSizes => [new PixelCnnTrainingOptions().BatchSize];

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        var o = PixelCnnOptions.Fashion28Small;
        var images = RandomImages.Create(Batch * Batches, 1, o.Height, o.ClassCount);
        var config = new PixelCnnRunConfig(o, new PixelCnnTrainingOptions(Epochs: 1_000_000, BatchSize: Batch), new DataSource(DataSourceKind.Idx, "random images"));
        _recipe = new PixelCnnRecipe(config, images, images, CPU);
        _step = 0;
        Reporting.ModelMacs.RecordPerImage(GetType(), 3 * OnnxModelSummary.Read(Engines.BenchmarkModels.PixelCnnModel.File).MacsPerSample);
    }

    [Benchmark(Description = "PixelCNN train step (forward, cross-entropy, backward, Adam)")]
    public double TrainStep() => _recipe.Step(_step++).NatsPerPosition;

    [GlobalCleanup]
    public void Cleanup() => _recipe.Dispose();
}
