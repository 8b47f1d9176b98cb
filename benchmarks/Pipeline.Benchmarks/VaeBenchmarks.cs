using BenchmarkDotNet.Attributes;
using Pipeline.Models.Vae;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// The lecture VAE's training step and decoder forward pass in TorchSharp, at the batch sizes training and
/// inference use. The step is the shipped <see cref="VaeRecipe.Step"/> (batch gathering, step seed, learning-rate
/// schedule, forward, backward, Adam), so the benchmark measures what <c>train vae</c> runs. A 784-400-20 step costs
/// about 3·2·B·(784·400·2 + 400·40 + 20·400) FLOPs (forward + backward), so images/s here can be set against the
/// machine's GEMM peak.
/// </summary>
[MemoryDiagnoser]
public class VaeBenchmarks
{
    // Batches of random images the recipe's loader cycles through; data content does not change the work done.
    private const int Batches = 8;

    private VaeRecipe _recipe = null!;
    private Tensor _latents = null!;
    private long _step;

    [Params(1, 64, 128)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var o = VaeOptions.Lecture;
        var images = RandomImages.Create(Batch * Batches, o.Channels, o.ImageSize);
        var config = new VaeRunConfig(o, new VaeTrainingOptions(Epochs: 1_000_000, BatchSize: Batch), new DataSource(DataSourceKind.Idx, "random images"));
        _recipe = new VaeRecipe(config, images, images, CPU);
        _latents = randn(Batch, o.LatentSize);
    }

    [Benchmark(Description = "train step (forward, backward, Adam)")]
    public double TrainStep() => _recipe.Step(_step++).Loss;

    [Benchmark(Description = "decoder forward (z -> image)")]
    public float DecoderForward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _recipe.Model.Decode(_latents)[0, 0, 0, 0].item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _latents.Dispose();
        _recipe.Dispose();
    }
}
