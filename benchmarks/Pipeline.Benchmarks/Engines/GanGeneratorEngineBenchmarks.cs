using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.MLNet;
using Pipeline.Models.Gans;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The fashion28 class-conditional generator (z (B, 128), label (B) → image (B, 1, 28, 28)) on every engine, plus
/// ONNX Runtime on the same generator exported without batch-norm folding, and exported without the rewrites for
/// ONNX Runtime's CPU kernels (transposed convolutions kept as ConvTranspose, the output layer as a one-channel Conv).
/// </summary>
[BenchmarkCategory("GAN generator")]
public class GanGeneratorEngineBenchmarks : MlNetEngineBenchmarks
{
    private const int Latent = 128;
    private float[] _z = null!;
    private long[] _labels = null!;
    private Tensor _zTensor = null!;
    private Tensor _labelTensor = null!;
    private OrtRunner _unfolded = null!;
    private OrtRunner _unrewritten = null!;

    /// <inheritdoc />
    protected override string OursColumn => "Generated";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => "image";

    [Benchmark(Description = "ORT, batch norm not folded")]
    public float OnnxRuntimeUnfolded() => _unfolded.Run();

    [Benchmark(Description = "ORT, without the CPU graph rewrites")]
    public float OnnxRuntimeUnrewritten() => _unrewritten.Run();

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        var (generator, file, unfoldedFile, unrewrittenFile) = BenchmarkModels.Gan;
        if (generator.Options.LatentSize != Latent)
        {
            throw new InvalidOperationException($"The fashion28 generator's latent size is {generator.Options.LatentSize}; this benchmark's rows hold {Latent}.");
        }

        _z = Normal(random, Batch * Latent);
        _labels = Enumerable.Range(0, Batch).Select(i => (long)(i % generator.Options.ClassCount)).ToArray();
        _zTensor = tensor(_z, [Batch, Latent]);
        _labelTensor = tensor(_labels, [Batch]);
        _unfolded = new OrtRunner(unfoldedFile, Threads, OrtInputs());
        _unrewritten = new OrtRunner(unrewrittenFile, Threads, OrtInputs());
        return file;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = DcganGenerator.ToUnitRange(BenchmarkModels.Gan.Generator.call(_zTensor, _labelTensor));
        return images[0, 0, 0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        BenchmarkModels.Gan.Generator.to(device);
        (_zTensor, _labelTensor) = (Moved(_zTensor, device), Moved(_labelTensor, device));
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() => [new("z", _z, [Batch, Latent]), new("label", _labels, [Batch])];

    /// <inheritdoc />
    protected override IDataView Rows() =>
        Ml.Data.LoadFromEnumerable(Enumerable.Range(0, Batch).Select(i => new Row
        {
            z = _z.AsSpan(i * Latent, Latent).ToArray(),
            ClassIndex = (int)_labels[i],
            label = [_labels[i]],
        }).ToArray());

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime) => Ml.Transforms.GenerateImages(new GenerateImagesOptions
    {
        ModelFile = modelFile,
        OutputColumnName = OursColumn,
        InputColumnName = "z",
        LabelColumnName = nameof(Row.ClassIndex),
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, ["z", "label"], [ApplyOnnxColumn]);

    /// <inheritdoc />
    protected override void ReleaseInputs()
    {
        _unfolded.Dispose();
        _unrewritten.Dispose();
        _zTensor.Dispose();
        _labelTensor.Dispose();
    }

    /// <summary>One latent and class per row: the class as an integer for ours, as the 1-element int64 tensor ApplyOnnxModel binds.</summary>
    public sealed class Row
    {
        /// <summary>The latent vector.</summary>
        [VectorType(Latent)]
        public float[] z { get; set; } = [];

        /// <summary>The class, for our estimator.</summary>
        public int ClassIndex { get; set; }

        /// <summary>The class, for ApplyOnnxModel (the graph input 'label').</summary>
        [VectorType(1)]
        public long[] label { get; set; } = [];
    }
}
