using Microsoft.ML;
using Pipeline.MLNet;
using Pipeline.Models.Gans;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// A translator (image (B, C, H, W) in [0, 1] → translated image in [0, 1]) on every engine; ours is
/// <c>TranslateImages</c>, whose output column is an <c>MLImage</c> per row (8-bit pixels a user can save), so its
/// row includes that conversion where the other engines stop at floats. The eager forward maps to and from [−1, 1]
/// around the generator, as the exported graph does. Each translator is a small class naming its model.
/// </summary>
public abstract class TranslatorEngineBenchmarks : MlNetEngineBenchmarks
{
    private float[] _images = null!;
    private Tensor _imageTensor = null!;
    private long[] _shape = null!;

    /// <summary>The generator in eval mode and its exported file.</summary>
    protected abstract (nn.Module<Tensor, Tensor> Generator, string File) Model { get; }

    /// <summary>Input channels, height and width at the trained size.</summary>
    protected abstract (int Channels, int Height, int Width) InputShape { get; }

    /// <summary>Output side over input side (the super-resolution factor).</summary>
    protected virtual int Scale => 1;

    /// <inheritdoc />
    protected override string OursColumn => "Translated";

    /// <inheritdoc />
    protected override string ApplyOnnxColumn => "translated";

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        var (c, h, w) = InputShape;
        _shape = [Batch, c, h, w];
        _images = Uniform(random, Batch * c * h * w);
        _imageTensor = tensor(_images, _shape);
        return Model.File;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var translated = DcganGenerator.ToUnitRange(Model.Generator.call(DcganGenerator.FromUnitRange(_imageTensor)));
        return translated[0, 0, 0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        Model.Generator.to(device);
        _imageTensor = Moved(_imageTensor, device);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs() => [new("image", _images, _shape)];

    /// <inheritdoc />
    protected override IDataView Rows() => ImageRows(_images, _images.Length / Batch);

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime) => Ml.Transforms.TranslateImages(new TranslateImagesOptions
    {
        ModelFile = modelFile,
        OutputColumnName = OursColumn,
        InputColumnName = "image",
        Runtime = runtime,
    });

    /// <inheritdoc />
    protected override IEstimator<ITransformer> ApplyOnnx(string modelFile) => ApplyOnnxModel(modelFile, ["image"], [ApplyOnnxColumn], FixedShapes());

    // ApplyOnnxModel takes one symbolic dimension only (the batch): the exported H and W are pinned to the trained size.
    private Dictionary<string, int[]> FixedShapes()
    {
        var (c, h, w) = InputShape;
        return new() { ["image"] = [1, c, h, w], [ApplyOnnxColumn] = [1, c, h * Scale, w * Scale] };
    }

    /// <inheritdoc />
    protected override void ReleaseInputs() => _imageTensor.Dispose();
}
