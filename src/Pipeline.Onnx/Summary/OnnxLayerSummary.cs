namespace Pipeline.Onnx.Summary;

/// <summary>One node that carries weights or does multiply-accumulates.</summary>
/// <param name="Name">Node name (the module path and operator).</param>
/// <param name="OpType">Operator.</param>
/// <param name="Parameters">Elements of the trained initializers it reads.</param>
/// <param name="MacsPerSample">Multiply-accumulates per sample (0 for operators that are not counted).</param>
public sealed record OnnxLayerSummary(string Name, string OpType, long Parameters, long MacsPerSample);
