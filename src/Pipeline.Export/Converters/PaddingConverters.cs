namespace Pipeline.Export.Converters;

/// <summary>
/// Padding modules as Pad. PyTorch lists padding last axis first, as (begin, end) pairs: [left, right, top, bottom,
/// ...]; ONNX wants every axis's begin, then every axis's end.
/// </summary>
public static class PaddingConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<ReflectionPad1d>((c, m, i) => Pad(c, m, i, "reflect"));
        registry.Register<ReflectionPad2d>((c, m, i) => Pad(c, m, i, "reflect"));
        registry.Register<ReflectionPad3d>((c, m, i) => Pad(c, m, i, "reflect"));
        registry.Register<ReplicationPad1d>((c, m, i) => Pad(c, m, i, "edge"));
        registry.Register<ReplicationPad2d>((c, m, i) => Pad(c, m, i, "edge"));
        registry.Register<ReplicationPad3d>((c, m, i) => Pad(c, m, i, "edge"));
        registry.Register<ZeroPad2d>((c, m, i) => Pad(c, m, i, "constant"));
        registry.Register<ConstantPad1d>((c, m, i) => Pad(c, m, i, "constant"));
        registry.Register<ConstantPad2d>((c, m, i) => Pad(c, m, i, "constant"));
        registry.Register<ConstantPad3d>((c, m, i) => Pad(c, m, i, "constant"));
    }

    /// <summary>ONNX pads for a rank-<paramref name="rank"/> tensor from PyTorch's last-axis-first pairs.</summary>
    public static long[] ToOnnxPads(IReadOnlyList<long> torchPadding, int rank)
    {
        var pads = new long[2 * rank];
        for (var pair = 0; pair < torchPadding.Count / 2; pair++)
        {
            var axis = rank - 1 - pair;
            pads[axis] = torchPadding[2 * pair];
            pads[rank + axis] = torchPadding[(2 * pair) + 1];
        }

        return pads;
    }

    private static IReadOnlyList<string> Pad(ExportContext context, PadBase module, IReadOnlyList<string> inputs, string mode)
    {
        var rank = context.Graph.RequireShape(inputs[0]).Length;
        return new[] { context.Graph.Pad(inputs[0], ToOnnxPads(module.padding, rank), mode, (float)module.value) };
    }
}
