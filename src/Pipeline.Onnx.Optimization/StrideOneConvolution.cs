namespace Pipeline.Onnx.Optimization;

/// <summary>
/// A Conv a layer rewrite may replace: one group, stride 1, dilation 1, explicit pads, a constant (C_out, C_in, k_h,
/// k_w) weight read by it alone, and a constant bias of C_out values or none.
/// </summary>
internal sealed record StrideOneConvolution(float[] Weight, float[]? Bias, int OutChannels, int InChannels, int KernelHeight, int KernelWidth, long[] Pads)
{
    /// <summary>Kernel positions, k_h·k_w.</summary>
    public int Taps => KernelHeight * KernelWidth;

    /// <summary>The layer <paramref name="conv"/> computes, or null when it is not such a Conv.</summary>
    public static StrideOneConvolution? Read(GraphIndex index, NodeProto conv)
    {
        IReadOnlyList<long>? Ints(string name) => conv.Attribute.FirstOrDefault(a => a.Name == name)?.Ints;
        if (conv.OpType != "Conv" || conv.Input.Count < 2 || index.Initializer(conv.Input[1]) is not { Dims.Count: 4 } weight || index.ReaderCount(weight.Name) != 1
            || (conv.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1) != 1
            || conv.Attribute.Any(a => a.Name == "auto_pad" && a.S.ToStringUtf8() is not ("" or "NOTSET"))
            || Ints("strides") is { } strides && strides.Any(s => s != 1) || Ints("dilations") is { } dilations && dilations.Any(d => d != 1)
            || (Ints("pads")?.ToArray() ?? [0, 0, 0, 0]) is not { Length: 4 } pads)
        {
            return null;
        }

        var outChannels = (int)weight.Dims[0];
        var hasBias = conv.Input.Count > 2 && conv.Input[2].Length > 0;
        var bias = hasBias ? index.FloatConstant(conv.Input[2]) : null;
        return hasBias && bias?.Length != outChannels || index.FloatConstant(weight.Name) is not { } values
            ? null
            : new StrideOneConvolution(values, bias, outChannels, (int)weight.Dims[1], (int)weight.Dims[2], (int)weight.Dims[3], pads);
    }
}
