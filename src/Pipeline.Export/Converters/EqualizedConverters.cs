using Pipeline.Models.Layers;

namespace Pipeline.Export.Converters;

/// <summary>
/// The layers of Progressive GAN and StyleGAN: an equalized-learning-rate layer is an ordinary Gemm/Conv whose
/// run-time scale is folded into the stored weight, and pixel normalisation is x / √(mean over channels of x² + ε).
/// </summary>
public static class EqualizedConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<EqualizedLinear>(ConvertLinear);
        registry.Register<EqualizedConv2d>(ConvertConv);
        registry.Register<PixelNorm>(ConvertPixelNorm);
    }

    private static IReadOnlyList<string> ConvertLinear(ExportContext context, EqualizedLinear layer, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weight = context.Parameter("weight", layer.EffectiveWeight()); // [out, in]
        var bias = layer.EffectiveBias() is { } b ? context.Parameter("bias", b) : null;
        var graph = context.Graph;
        if (graph.ShapeOf(inputs[0]) is { Length: 2 })
        {
            return [graph.Gemm(inputs[0], weight, bias, transposeB: true)];
        }

        var product = graph.MatMul(inputs[0], graph.Transpose(weight, [1, 0]));
        return [bias is null ? product : graph.Add(product, bias)];
    }

    private static IReadOnlyList<string> ConvertConv(ExportContext context, EqualizedConv2d layer, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weight = context.Parameter("weight", layer.EffectiveWeight());
        var bias = layer.Bias is null ? null : context.Parameter("bias", layer.Bias);
        var p = layer.Padding;
        return [context.Graph.Conv(inputs[0], weight, bias, [1, 1], [p, p, p, p], [1, 1], 1)];
    }

    private static IReadOnlyList<string> ConvertPixelNorm(ExportContext context, PixelNorm layer, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = inputs[0];
        var meanSquare = graph.ReduceMean(graph.Mul(x, x), 1);
        var rms = graph.Unary("Sqrt", graph.Add(meanSquare, graph.Constant([(float)PixelNorm.Epsilon])));
        return [graph.Div(x, rms)];
    }
}
