using Pipeline.Models.PixelCnn;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// One forward pass of a class-conditional gated PixelCNN (grid (B, H, W) int64 + label (B), and for VQ-VAE-2's bottom
/// prior the top codes as a condition grid → logits (B, K, H, W)):
/// what one step of autoregressive sampling costs, since the samplers run the whole grid once per position. TorchSharp
/// and ONNX Runtime only: no ML.NET estimator runs a bare forward (ML.NET reaches these models through
/// <c>SampleImages</c>, which is sampling, timed by <c>--sampler</c>), and ApplyOnnxModel would copy K·H·W logits per
/// row for nobody's use. The grids are uniform over their levels; each model is a small class naming its network.
/// </summary>
public abstract class PixelCnnForwardEngineBenchmarks : EngineBenchmarks
{
    private long[] _grid = null!;
    private long[] _labels = null!;
    private long[]? _condition;
    private Tensor _gridTensor = null!;
    private Tensor _labelTensor = null!;
    private Tensor? _conditionTensor;

    /// <inheritdoc />
    public override IEnumerable<int> Batches => RunMode.HeavyBatches;

    /// <summary>The network in eval mode and its exported file.</summary>
    protected abstract (PixelCnn Net, string File) Model { get; }

    /// <inheritdoc />
    protected override string Prepare(Random random)
    {
        var o = Model.Net.Options;
        if (!o.IsClassConditional)
        {
            throw new InvalidOperationException("This benchmark feeds a label; the network takes none.");
        }

        _grid = Indices(random, Batch * o.Positions, o.Levels);
        _labels = Enumerable.Range(0, Batch).Select(i => (long)(i % o.ClassCount)).ToArray();
        _gridTensor = tensor(_grid, [Batch, o.Height, o.Width]);
        _labelTensor = tensor(_labels, [Batch]);
        if (o.IsSpatiallyConditioned)
        {
            _condition = Indices(random, Batch * o.ConditionHeight * o.ConditionWidth, o.ConditionLevels);
            _conditionTensor = tensor(_condition, [Batch, o.ConditionHeight, o.ConditionWidth]);
        }

        return Model.File;
    }

    /// <inheritdoc />
    protected override float Eager()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Model.Net.call(_gridTensor, _labelTensor, _conditionTensor)[0, 0, 0, 0].item<float>();
    }

    /// <inheritdoc />
    protected override void MoveEagerTo(Device device)
    {
        Model.Net.to(device);
        (_gridTensor, _labelTensor) = (Moved(_gridTensor, device), Moved(_labelTensor, device));
        _conditionTensor = _conditionTensor is null ? null : Moved(_conditionTensor, device);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<OrtInput> OrtInputs()
    {
        var o = Model.Net.Options;
        OrtInput[] inputs = [new("grid", _grid, [Batch, o.Height, o.Width]), new("label", _labels, [Batch])];
        return _condition is null ? inputs : [.. inputs, new("condition", _condition, [Batch, o.ConditionHeight, o.ConditionWidth])];
    }

    /// <inheritdoc />
    protected override void ReleaseInputs()
    {
        _gridTensor.Dispose();
        _labelTensor.Dispose();
        _conditionTensor?.Dispose();
    }
}
