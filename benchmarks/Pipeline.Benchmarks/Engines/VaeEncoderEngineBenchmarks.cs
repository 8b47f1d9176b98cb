using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Pipeline.MLNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>The lecture VAE's encoder (image (B, 1, 28, 28) → mean, log_var (B, 20)) on every engine.</summary>
[BenchmarkCategory("VAE encoder")]
public class VaeEncoderEngineBenchmarks : MlNetEngineBenchmarks
{
    private const int Pixels = 28 * 28;
    private float[] _images = null!;
    private Tensor _imageTensor = null!;

    /// <inheritdoc />
    protected override string OursColumn => "Mean";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => "mean";

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        _images = Uniform(random, Batch * Pixels);
        _imageTensor = tensor(_images, [Batch, 1, 28, 28]);
        return BenchmarkModels.Vae.Files.Encoder.Path;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return BenchmarkModels.Vae.Vae.Encode(_imageTensor).Mean[0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        BenchmarkModels.Vae.Vae.to(device);
        _imageTensor = Moved(_imageTensor, device);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() => [new("image", _images, [Batch, 1, 28, 28])];

    /// <inheritdoc />
    protected override IDataView Rows() => ImageRows(_images, Pixels);

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime) => Ml.Transforms.EncodeToLatent(new EncodeToLatentOptions
    {
        ModelFile = modelFile,
        InputColumnName = "image",
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, ["image"], ["mean", "log_var"]);

    /// <inheritdoc />
    protected override void ReleaseInputs() => _imageTensor.Dispose();
}
