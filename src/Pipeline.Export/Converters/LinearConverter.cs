namespace Pipeline.Export.Converters;

/// <summary>y = x·Wᵀ + b. ONNX's Gemm is 2-D only, so inputs of higher rank take MatMul with a transposed weight, then Add.</summary>
public static class LinearConverter
{
    /// <summary>Registers the converter.</summary>
    public static void Register(ConverterRegistry registry) => registry.Register<Linear>(Convert);

    private static IReadOnlyList<string> Convert(ExportContext context, Linear linear, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = inputs[0];
        var weight = context.Parameter("weight", linear.weight); // [out, in]
        var bias = linear.bias is null ? null : context.Parameter("bias", linear.bias);
        if (graph.ShapeOf(x) is { Length: 2 })
        {
            return new[] { graph.Gemm(x, weight, bias, transposeB: true) };
        }

        // The Transpose of an initializer is constant-folded by ONNX Runtime; keeping W as stored keeps its name a checkpoint key.
        var product = graph.MatMul(x, graph.Transpose(weight, new long[] { 1, 0 }));
        return new[] { bias is null ? product : graph.Add(product, bias) };
    }
}
