using BenchmarkDotNet.Attributes;
using Pipeline.Models.Vae;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// The lecture VAE's training step and decoder forward pass in TorchSharp, at the batch sizes training and
/// inference use. A 784-400-20 step costs about 3·2·B·(784·400·2 + 400·40 + 20·400) FLOPs (forward + backward), so
/// images/s here can be set against the machine's GEMM peak.
/// </summary>
[MemoryDiagnoser]
public class VaeBenchmarks
{
    private VariationalAutoencoder _vae = null!;
    private Adam _adam = null!;
    private Tensor _images = null!;
    private Tensor _latents = null!;

    [Params(1, 64, 128)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(0);
        _vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        _adam = optim.Adam(_vae.parameters(), 1e-3);
        _images = rand(Batch, 1, 28, 28);
        _latents = randn(Batch, 20);
    }

    [Benchmark(Description = "train step (forward, backward, Adam)")]
    public float TrainStep()
    {
        using var scope = NewDisposeScope();
        _adam.zero_grad();
        var (reconstruction, kl) = _vae.NegativeElboTerms(_images);
        var loss = (reconstruction + kl).mean();
        loss.backward();
        _adam.step();
        return loss.item<float>();
    }

    [Benchmark(Description = "decoder forward (z -> image)")]
    public float DecoderForward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _vae.Decode(_latents)[0, 0, 0, 0].item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _adam.Dispose();
        _vae.Dispose();
    }
}
