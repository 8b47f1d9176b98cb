namespace Pipeline.Export;

/// <summary>A graph input: its name, shape and element type.</summary>
/// <param name="Name">Input name, e.g. "image" or "z".</param>
/// <param name="Shape">Dimensions; <see cref="OnnxGraphBuilder.DynamicBatch"/> (−1) marks the dynamic batch, e.g. [-1, 1, 28, 28].</param>
/// <param name="ElementType">Element type; int64 for indices.</param>
public sealed record OnnxTensorSpec(string Name, IReadOnlyList<long> Shape, OnnxElementType ElementType = OnnxElementType.Float32)
{
    /// <summary>For int64 inputs, random verification values are drawn from [0, IndexLimit).</summary>
    public long IndexLimit { get; init; } = 2;

    /// <summary>A float32 input whose first dimension is the dynamic batch: <c>Batched("z", 20)</c> is [batch, 20].</summary>
    public static OnnxTensorSpec Batched(string name, params long[] perSample) =>
        new(name, [OnnxGraphBuilder.DynamicBatch, .. perSample]);

    /// <summary>The shape with the dynamic batch set to <paramref name="batch"/>.</summary>
    public long[] ShapeFor(int batch) => Shape.Select(d => d == OnnxGraphBuilder.DynamicBatch ? batch : d).ToArray();
}
