using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Pipeline.MLNet;
using Pipeline.Models.Gans;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The Fashion32 StyleGAN2 generator (z (B, 128), label (B) → image (B, 1, 32, 32) in [0, 1]: mapping, truncation
/// towards the class's w̄ with the file's default ψ, synthesis with fixed noise) on every engine. All engines run
/// generator.onnx or the module it was exported from; ψ is left to its default, as <c>GenerateImages</c> leaves it.
/// At about 0.3 G MACs per image it is a heavy model (<see cref="RunMode.HeavyBatches"/>).
/// </summary>
[BenchmarkCategory("StyleGAN2 generator")]
public class StyleGanGeneratorEngineBenchmarks : MlNetEngineBenchmarks
{
    private const int Latent = 128;
    private float[] _z = null!;
    private long[] _labels = null!;
    private Tensor _zTensor = null!;
    private Tensor _labelTensor = null!;

    /// <inheritdoc />
    public override IEnumerable<int> Batches => RunMode.HeavyBatches;

    /// <inheritdoc />
    protected override string OursColumn => "Generated";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => "image";

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        var (generator, files) = BenchmarkModels.StyleGan;
        if (generator.Options.LatentSize != Latent)
        {
            throw new InvalidOperationException($"The Fashion32 StyleGAN2's latent size is {generator.Options.LatentSize}; this benchmark's rows hold {Latent}.");
        }

        _z = Normal(random, Batch * Latent);
        _labels = Enumerable.Range(0, Batch).Select(i => (long)(i % generator.Options.ClassCount)).ToArray();
        _zTensor = tensor(_z, [Batch, Latent]);
        _labelTensor = tensor(_labels, [Batch]);
        return files.Generator.Path;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (generator, _) = BenchmarkModels.StyleGan;
        var images = DcganGenerator.ToUnitRange(generator.Generate(_zTensor, _labelTensor, BenchmarkModels.StyleGanTruncation));
        return images[0, 0, 0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        BenchmarkModels.StyleGan.Generator.to(device);
        (_zTensor, _labelTensor) = (Moved(_zTensor, device), Moved(_labelTensor, device));
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() => [new("z", _z, [Batch, Latent]), new("label", _labels, [Batch])];

    /// <inheritdoc />
    protected override IDataView Rows() =>
        Ml.Data.LoadFromEnumerable(Enumerable.Range(0, Batch).Select(i => new GanGeneratorEngineBenchmarks.Row
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
        InputColumnName = nameof(GanGeneratorEngineBenchmarks.Row.z),
        LabelColumnName = nameof(GanGeneratorEngineBenchmarks.Row.ClassIndex),
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, ["z", "label"], [ApplyOnnxColumn]);

    /// <inheritdoc />
    protected override void ReleaseInputs()
    {
        _zTensor.Dispose();
        _labelTensor.Dispose();
    }
}
