using TorchSharp;

namespace Pipeline.Export.Converters;

/// <summary>
/// Conv1d/2d/3d and ConvTranspose1d/2d/3d. Zero padding maps to the node's pads; reflect and replicate padding
/// become a Pad node in front; circular padding is not supported (ONNX has no wrap mode before opset 19).
/// </summary>
public static class ConvolutionConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<Conv1d>(ConvertConvolution);
        registry.Register<Conv2d>(ConvertConvolution);
        registry.Register<Conv3d>(ConvertConvolution);
        registry.Register<ConvTranspose1d>(ConvertTransposed);
        registry.Register<ConvTranspose2d>(ConvertTransposed);
        registry.Register<ConvTranspose3d>(ConvertTransposed);
    }

    private static IReadOnlyList<string> ConvertConvolution(ExportContext context, Convolution conv, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var spatial = conv.kernel_size.Length;
        var (begins, ends) = SpatialPadding(conv);
        var x = inputs[0];
        long[] pads = [.. begins, .. ends];
        if (conv.padding_mode is not PaddingModes.Zeros and not PaddingModes.Constant)
        {
            var mode = conv.padding_mode switch
            {
                PaddingModes.Reflect => "reflect",
                PaddingModes.Replicate => "edge",
                _ => throw new NotSupportedException($"Conv padding mode {conv.padding_mode} at '{context.Path}' has no ONNX equivalent at opset {graph.Opset}."),
            };
            x = graph.Pad(x, [0, 0, .. begins, 0, 0, .. ends], mode);
            pads = new long[2 * spatial];
        }

        var weight = context.Parameter("weight", conv.weight);
        var bias = conv.bias is null ? null : context.Parameter("bias", conv.bias);
        return new[] { graph.Conv(x, weight, bias, conv.stride, pads, conv.dilation, conv.groups) };
    }

    private static IReadOnlyList<string> ConvertTransposed(ExportContext context, ConvolutionTranspose conv, IReadOnlyList<string> inputs)
    {
        var spatial = conv.kernel_size.Length;
        var padding = conv.padding ?? new long[spatial];

        // TorchSharp's forward (without output_size) passes only output_padding[0], which libtorch expands to every
        // spatial axis: match what the module computes, not what its property says.
        var outputPadding = Enumerable.Repeat(conv.output_padding[0], spatial).ToArray();
        var weight = context.Parameter("weight", conv.weight); // [C_in, C_out / groups, k...]
        var bias = conv.bias is null ? null : context.Parameter("bias", conv.bias);
        return new[] { context.Graph.ConvTranspose(inputs[0], weight, bias, conv.stride, [.. padding, .. padding], conv.dilation, conv.groups, outputPadding) };
    }

    // padding='same' pads the extra pixel of an odd total at the end, as PyTorch does.
    private static (long[] Begins, long[] Ends) SpatialPadding(Convolution conv)
    {
        var spatial = conv.kernel_size.Length;
        if (conv.padding is { } padding)
        {
            return (padding, padding);
        }

        if (conv.padding_type == TorchSharp.Padding.Same)
        {
            var totals = Enumerable.Range(0, spatial).Select(i => conv.dilation[i] * (conv.kernel_size[i] - 1)).ToArray();
            return (totals.Select(t => t / 2).ToArray(), totals.Select(t => t - (t / 2)).ToArray());
        }

        return (new long[spatial], new long[spatial]);
    }
}
