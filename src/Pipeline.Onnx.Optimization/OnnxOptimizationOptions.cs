namespace Pipeline.Onnx.Optimization;

/// <summary>What <see cref="OnnxGraphOptimizer"/> rewrites and how it checks the result.</summary>
public sealed record OnnxOptimizationOptions
{
    /// <summary>
    /// The rewrites; by default those of an export, except the narrow-convolution blocks, whose image-size assumption
    /// a file cannot vouch for (<see cref="NarrowConvolutionTaps"/> covers such layers without one).
    /// </summary>
    public GraphRewrites Rewrites { get; init; } = new();

    /// <summary>Sizes of symbolic dimensions other than the batch, by name (e.g. height = 32).</summary>
    public IReadOnlyDictionary<string, long> Sizes { get; init; } = new Dictionary<string, long>();

    /// <summary>Random int64 inputs (class labels, code indices) are drawn from [0, this).</summary>
    public int IndexLimit { get; init; } = 2;

    /// <summary>Batch sizes of the random inputs both graphs are compared on.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 3];

    /// <summary>Largest accepted |rewritten − original| over every float output element (a fraction of differing values for int64 outputs).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed of the random inputs.</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>Batch size at which both graphs are timed on one thread after the check; 0 skips timing.</summary>
    public int TimingBatch { get; init; }

    /// <summary>Timed runs of each graph (alternating); the report gives medians.</summary>
    public int TimingRuns { get; init; } = 30;
}
