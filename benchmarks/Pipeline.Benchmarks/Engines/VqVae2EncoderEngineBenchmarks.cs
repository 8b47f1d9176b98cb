using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Pipeline.Export.Families;
using Pipeline.MLNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The fashion28 VQ-VAE-2's encoder to codes (image (B, 1, 28, 28) → top_codes (B, 7, 7), bottom_codes (B, 14, 14)
/// int64; both quantisations included) on every engine; ours is <c>EncodeToCodes</c>, and the top grid is the column read.
/// </summary>
[BenchmarkCategory("VQ-VAE-2 encoder")]
public class VqVae2EncoderEngineBenchmarks : MlNetEngineBenchmarks
{
    private const int Pixels = 28 * 28;
    private float[] _images = null!;
    private Tensor _imageTensor = null!;

    /// <inheritdoc />
    public override IEnumerable<int> Batches => RunMode.HeavyBatches;

    /// <inheritdoc />
    protected override string OursColumn => "Top";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => VqVae2OnnxExport.TopCodes;

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        _images = Uniform(random, Batch * Pixels);
        _imageTensor = tensor(_images, [Batch, 1, 28, 28]);
        return BenchmarkModels.VqVae2.Files.Encoder.Path;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return BenchmarkModels.VqVae2.Model.Encode(_imageTensor).Top[0, 0, 0].item<long>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        BenchmarkModels.VqVae2.Model.to(device);
        _imageTensor = Moved(_imageTensor, device);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() => [new("image", _images, [Batch, 1, 28, 28])];

    /// <inheritdoc />
    protected override IDataView Rows() => ImageRows(_images, Pixels);

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime) => Ml.Transforms.EncodeToCodes(new EncodeToCodesOptions
    {
        ModelFile = modelFile,
        InputColumnName = "image",
        OutputColumnNames = [OursColumn, "Bottom"],
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, ["image"], [VqVae2OnnxExport.TopCodes, VqVae2OnnxExport.BottomCodes]);

    /// <inheritdoc />
    protected override void ReleaseInputs() => _imageTensor.Dispose();
}
