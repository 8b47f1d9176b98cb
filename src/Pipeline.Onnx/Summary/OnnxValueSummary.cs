using Pipeline.Onnx.Graph;

namespace Pipeline.Onnx.Summary;

/// <summary>A graph input or output.</summary>
/// <param name="Name">Value name.</param>
/// <param name="ElementType">ONNX element type name, e.g. "float32".</param>
/// <param name="Shape">Dimensions, with <see cref="OnnxGraphBuilder.DynamicBatch"/> for symbolic ones.</param>
/// <param name="ShapeText">Shape as text, e.g. "[batch, 1, 28, 28]".</param>
public sealed record OnnxValueSummary(string Name, string ElementType, IReadOnlyList<long> Shape, string ShapeText);
