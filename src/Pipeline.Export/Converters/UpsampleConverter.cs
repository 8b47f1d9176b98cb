namespace Pipeline.Export.Converters;

/// <summary>
/// Upsample as Resize with constant scales over the spatial axes. Nearest is "asymmetric" + "floor" (PyTorch's
/// legacy nearest); (bi/tri)linear is "half_pixel", or "align_corners" when align_corners is set. A fixed output
/// size is turned into scales from the input's known spatial size. Bicubic is not supported: PyTorch's border
/// handling differs from ONNX's cubic.
/// </summary>
public static class UpsampleConverter
{
    /// <summary>Registers the converter.</summary>
    public static void Register(ConverterRegistry registry) => registry.Register<Upsample>(Convert);

    private static IReadOnlyList<string> Convert(ExportContext context, Upsample upsample, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = inputs[0];
        var shape = graph.RequireShape(x);
        var spatial = shape.Length - 2;
        var scales = new float[shape.Length];
        scales[0] = scales[1] = 1f;
        for (var i = 0; i < spatial; i++)
        {
            scales[i + 2] = upsample.scale_factor.Length > 0
                ? (float)upsample.scale_factor[upsample.scale_factor.Length == 1 ? 0 : i]
                : (float)upsample.size[upsample.size.Length == 1 ? 0 : i] / shape[i + 2];
        }

        var output = upsample.mode switch
        {
            UpsampleMode.Nearest => graph.Resize(x, scales, "nearest", "asymmetric", "floor"),
            UpsampleMode.Linear or UpsampleMode.Bilinear or UpsampleMode.Trilinear =>
                graph.Resize(x, scales, "linear", upsample.align_corners == true ? "align_corners" : "half_pixel"),
            _ => throw new NotSupportedException($"Upsample mode {upsample.mode} at '{context.Path}' is not supported."),
        };
        return new[] { output };
    }
}
