using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Export.Families;
using Pipeline.MLNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The fashion28 VQ-VAE-2's decoder from codes (top_codes (B, 7, 7), bottom_codes (B, 14, 14) int64 → image
/// (B, 1, 28, 28) in [0, 1]) on every engine; ours is <c>DecodeFromCodes</c>. The codes are uniform over the codebook.
/// </summary>
[BenchmarkCategory("VQ-VAE-2 decoder")]
public class VqVae2DecoderEngineBenchmarks : MlNetEngineBenchmarks
{
    private const int Top = 7 * 7, Bottom = 14 * 14;
    private long[] _top = null!;
    private long[] _bottom = null!;
    private Tensor _topTensor = null!;
    private Tensor _bottomTensor = null!;

    /// <inheritdoc />
    public override IEnumerable<int> Batches => RunMode.HeavyBatches;

    /// <inheritdoc />
    protected override string OursColumn => "Decoded";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => "image";

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        var (model, files) = BenchmarkModels.VqVae2;
        var o = model.Options;
        if (o.TopGrid * o.TopGrid != Top || o.BottomGrid * o.BottomGrid != Bottom)
        {
            throw new InvalidOperationException($"The fashion28 VQ-VAE-2's grids are {o.TopGrid}² and {o.BottomGrid}²; this benchmark's rows hold 7² and 14².");
        }

        _top = Indices(random, Batch * Top, o.CodebookSize);
        _bottom = Indices(random, Batch * Bottom, o.CodebookSize);
        _topTensor = tensor(_top, [Batch, 7, 7]);
        _bottomTensor = tensor(_bottom, [Batch, 14, 14]);
        return files.Decoder.Path;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return BenchmarkModels.VqVae2.Model.DecodeCodes(_topTensor, _bottomTensor)[0, 0, 0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        BenchmarkModels.VqVae2.Model.to(device);
        (_topTensor, _bottomTensor) = (Moved(_topTensor, device), Moved(_bottomTensor, device));
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() =>
        [new(VqVae2OnnxExport.TopCodes, _top, [Batch, 7, 7]), new(VqVae2OnnxExport.BottomCodes, _bottom, [Batch, 14, 14])];

    /// <inheritdoc />
    protected override IDataView Rows() =>
        Ml.Data.LoadFromEnumerable(Enumerable.Range(0, Batch).Select(i => new Row
        {
            TopCodes = _top.AsSpan(i * Top, Top).ToArray(),
            BottomCodes = _bottom.AsSpan(i * Bottom, Bottom).ToArray(),
        }).ToArray());

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime) => Ml.Transforms.DecodeFromCodes(new DecodeFromCodesOptions
    {
        ModelFile = modelFile,
        OutputColumnName = OursColumn,
        InputColumnNames = [VqVae2OnnxExport.TopCodes, VqVae2OnnxExport.BottomCodes],
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, [VqVae2OnnxExport.TopCodes, VqVae2OnnxExport.BottomCodes], [ApplyOnnxColumn]);

    /// <inheritdoc />
    protected override void ReleaseInputs()
    {
        _topTensor.Dispose();
        _bottomTensor.Dispose();
    }

    /// <summary>Both code grids of one image, in the columns the graph inputs are named after (what ApplyOnnxModel binds).</summary>
    public sealed class Row
    {
        /// <summary>The 7×7 top codes, row-major.</summary>
        [VectorType(Top)]
        [ColumnName(VqVae2OnnxExport.TopCodes)]
        public long[] TopCodes { get; set; } = [];

        /// <summary>The 14×14 bottom codes, row-major.</summary>
        [VectorType(Bottom)]
        [ColumnName(VqVae2OnnxExport.BottomCodes)]
        public long[] BottomCodes { get; set; } = [];
    }
}
