using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.MLNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>The lecture VAE's decoder (z (B, 20) → image (B, 1, 28, 28) in [0, 1]) on every engine.</summary>
[BenchmarkCategory("VAE decoder")]
public class VaeDecoderEngineBenchmarks : MlNetEngineBenchmarks
{
    private const int Latent = 20;
    private float[] _z = null!;
    private Tensor _zTensor = null!;

    /// <inheritdoc />
    protected override string OursColumn => "Decoded";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => "image";

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        var (vae, files) = BenchmarkModels.Vae;
        if (vae.Options.LatentSize != Latent)
        {
            throw new InvalidOperationException($"The lecture VAE's latent size is {vae.Options.LatentSize}; this benchmark's rows hold {Latent}.");
        }

        _z = Normal(random, Batch * Latent);
        _zTensor = tensor(_z, [Batch, Latent]);
        return files.Decoder.Path;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return BenchmarkModels.Vae.Vae.Decode(_zTensor)[0, 0, 0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        BenchmarkModels.Vae.Vae.to(device);
        _zTensor = Moved(_zTensor, device);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() => [new("z", _z, [Batch, Latent])];

    /// <inheritdoc />
    protected override IDataView Rows() =>
        Ml.Data.LoadFromEnumerable(Enumerable.Range(0, Batch).Select(i => new Row { z = _z.AsSpan(i * Latent, Latent).ToArray() }).ToArray());

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime) => Ml.Transforms.DecodeFromLatent(new DecodeFromLatentOptions
    {
        ModelFile = modelFile,
        OutputColumnName = OursColumn,
        InputColumnName = "z",
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, ["z"], [ApplyOnnxColumn]);

    /// <inheritdoc />
    protected override void ReleaseInputs() => _zTensor.Dispose();

    /// <summary>One latent per row.</summary>
    public sealed class Row
    {
        /// <summary>The latent vector.</summary>
        [VectorType(Latent)]
        public float[] z { get; set; } = [];
    }
}
