namespace Pipeline.Export.Converters;

/// <summary>
/// Normalisation layers in evaluation mode.
/// <list type="bullet">
/// <item>BatchNorm1d/2d/3d: BatchNormalization with the running statistics. Without track_running_stats PyTorch
/// normalises with batch statistics even in eval, which a per-sample inference graph cannot reproduce: refused.</item>
/// <item>InstanceNorm1d/2d/3d: InstanceNormalization (scale 1 and bias 0 when not affine); with track_running_stats,
/// eval uses the running statistics, which is BatchNormalization.</item>
/// <item>LayerNorm: LayerNormalization over the trailing normalized_shape axes (opset 17).</item>
/// </list>
/// </summary>
public static class NormalizationConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<BatchNorm1d>(ConvertBatchNorm);
        registry.Register<BatchNorm2d>(ConvertBatchNorm);
        registry.Register<BatchNorm3d>(ConvertBatchNorm);
        registry.Register<InstanceNorm1d>(ConvertInstanceNorm);
        registry.Register<InstanceNorm2d>(ConvertInstanceNorm);
        registry.Register<InstanceNorm3d>(ConvertInstanceNorm);
        registry.Register<LayerNorm>(ConvertLayerNorm);
    }

    private static IReadOnlyList<string> ConvertBatchNorm(ExportContext context, NormBase norm, IReadOnlyList<string> inputs)
    {
        if (norm.running_mean is null || norm.running_var is null)
        {
            throw new NotSupportedException(
                $"{norm.GetType().Name} at '{context.Path}' has track_running_stats=false, so it normalises with batch statistics even in eval mode; ONNX export needs running statistics.");
        }

        return new[] { WithRunningStatistics(context, norm, inputs[0]) };
    }

    private static IReadOnlyList<string> ConvertInstanceNorm(ExportContext context, NormBase norm, IReadOnlyList<string> inputs)
    {
        if (norm.track_running_stats && norm.running_mean is not null && norm.running_var is not null)
        {
            return new[] { WithRunningStatistics(context, norm, inputs[0]) };
        }

        var (scale, bias) = AffineOrIdentity(context, norm);
        return new[] { context.Graph.InstanceNormalization(inputs[0], scale, bias, norm.eps) };
    }

    private static IReadOnlyList<string> ConvertLayerNorm(ExportContext context, LayerNorm norm, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var shape = norm.normalized_shape;
        var count = (int)shape.Aggregate(1L, (p, d) => p * d);
        var scale = norm.elementwise_affine ? context.Parameter("weight", norm.weight) : graph.Constant(Filled(count, 1f), shape);
        var bias = norm.elementwise_affine && norm.bias is not null ? context.Parameter("bias", norm.bias) : null;
        return new[] { graph.LayerNormalization(inputs[0], scale, bias, -shape.Length, norm.eps) };
    }

    private static string WithRunningStatistics(ExportContext context, NormBase norm, string x)
    {
        var (scale, bias) = AffineOrIdentity(context, norm);
        var mean = context.Buffer("running_mean", norm.running_mean!);
        var variance = context.Buffer("running_var", norm.running_var!);
        return context.Graph.BatchNormalization(x, scale, bias, mean, variance, norm.eps);
    }

    private static (string Scale, string Bias) AffineOrIdentity(ExportContext context, NormBase norm)
    {
        if (norm.affine)
        {
            return (context.Parameter("weight", norm.weight), context.Parameter("bias", norm.bias!));
        }

        var channels = (int)norm.num_features;
        return (context.Graph.Constant(Filled(channels, 1f), channels), context.Graph.Constant(Filled(channels, 0f), channels));
    }

    private static float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();
}
