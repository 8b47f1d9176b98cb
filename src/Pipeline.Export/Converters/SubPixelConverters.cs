namespace Pipeline.Export.Converters;

/// <summary>
/// Converters for the layers of sub-pixel upsampling (Shi et al. 2016): PixelShuffle as DepthToSpace in CRD mode,
/// which orders channels as PyTorch's <c>pixel_shuffle</c> does ((B, C·r², H, W) viewed as (B, C, r, r, H, W)); the
/// default DCR mode would interleave them differently. PReLU as PRelu with its slopes shaped (C, 1, 1) per channel.
/// </summary>
public static class SubPixelConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<PixelShuffle>(ConvertPixelShuffle);
        registry.Register<PReLU>(ConvertPRelu);
    }

    private static IReadOnlyList<string> ConvertPixelShuffle(ExportContext context, PixelShuffle module, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var r = module.upscale_factor;
        var output = graph.AddNode("DepthToSpace", [inputs[0]], 1,
            OnnxAttribute.Int("blocksize", r), OnnxAttribute.String("mode", "CRD"))[0];
        if (graph.ShapeOf(inputs[0]) is [var batch, var channels, var height, var width])
        {
            graph.SetFacts(output, graph.TypeOf(inputs[0]), [batch, channels / (r * r), Scaled(height, r), Scaled(width, r)]);
        }

        return [output];
    }

    private static IReadOnlyList<string> ConvertPRelu(ExportContext context, PReLU module, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var slopes = module.weight;
        var rank = graph.RequireShape(inputs[0]).Length;
        // One slope broadcasts as [1]; per-channel slopes must sit on axis 1, so trailing axes of size 1 are added.
        var shaped = slopes.numel() == 1 ? slopes.reshape(1) : slopes.reshape([slopes.numel(), .. Enumerable.Repeat(1L, Math.Max(rank - 2, 0))]);
        var output = graph.AddNode("PRelu", [inputs[0], context.Parameter("weight", shaped)], 1)[0];
        graph.SetFacts(output, graph.TypeOf(inputs[0]), graph.ShapeOf(inputs[0]));
        return [output];
    }

    private static long Scaled(long size, long factor) => size == OnnxGraphBuilder.DynamicBatch ? size : size * factor;
}
