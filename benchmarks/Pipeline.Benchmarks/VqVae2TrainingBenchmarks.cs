using BenchmarkDotNet.Attributes;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train vqvae2</c> (preset fashion28, the default batch of 64: encoder, both quantisers with their
/// EMA codebook updates and dead-code restarts, decoder, MSE + commitment, backward, Adam) through the shipped
/// <see cref="VqVae2Recipe.Step"/>. Utilisation uses 3 × (encoder.onnx + decoder.onnx) MACs per image of the same
/// preset's export: the encoder runs to both code grids (the top decoder that conditions the bottom level and the
/// quantisers' distance products included), the decoder from the codes; together that is the training forward, and
/// the backward is taken as twice the forward. The EMA updates and the codebook gathers are not counted.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("VQ-VAE-2 training")]
public class VqVae2TrainingBenchmarks
{
    // Batches of random images the recipe's loader cycles through.
    private const int Batches = 8;
    private VqVae2Recipe _recipe = null!;
    private long _step;

    /// <summary>Images per step: the recipe's default.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The default batch size of <c>train vqvae2</c>.</summary>
    public static IEnumerable<int> BatchSizes => [new VqVae2TrainingOptions().BatchSize];

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        var o = VqVae2Options.Fashion28;
        var images = RandomImages.Create(Batch * Batches, o.Channels, o.ImageSize);
        var config = new VqVae2RunConfig(o, new VqVae2TrainingOptions(Epochs: 1_000_000, BatchSize: Batch), new DataSource(DataSourceKind.Idx, "random images"));
        _recipe = new VqVae2Recipe(config, images, images, CPU);
        _step = 0;
        var files = Engines.BenchmarkModels.VqVae2.Files;
        Reporting.ModelMacs.RecordPerImage(GetType(), 3 * (OnnxModelSummary.Read(files.Encoder.Path).MacsPerSample + OnnxModelSummary.Read(files.Decoder.Path).MacsPerSample));
    }

    [Benchmark(Description = "VQ-VAE-2 train step (forward, EMA codebooks, backward, Adam)")]
    public double TrainStep() => _recipe.Step(_step++).Loss;

    [GlobalCleanup]
    public void Cleanup() => _recipe.Dispose();
}
