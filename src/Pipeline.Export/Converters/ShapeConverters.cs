namespace Pipeline.Export.Converters;

/// <summary>
/// Flatten, Unflatten and the modules that are identities in eval mode (Identity, Dropout*, AlphaDropout).
/// Reshapes keep the dynamic batch by copying it (target dimension 0), never by baking a size in.
/// </summary>
public static class ShapeConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<Flatten>(ConvertFlatten);
        registry.Register<Unflatten>(ConvertUnflatten);
        registry.Register<Identity>(PassThrough);
        registry.Register<Dropout>(PassThrough);
        registry.Register<Dropout1d>(PassThrough);
        registry.Register<Dropout2d>(PassThrough);
        registry.Register<Dropout3d>(PassThrough);
        registry.Register<AlphaDropout>(PassThrough);
    }

    private static IReadOnlyList<string> PassThrough(ExportContext context, TorchSharp.torch.nn.Module module, IReadOnlyList<string> inputs) =>
        new[] { context.Graph.Identity(inputs[0]) };

    private static IReadOnlyList<string> ConvertFlatten(ExportContext context, Flatten flatten, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = inputs[0];
        var shape = graph.RequireShape(x);
        var start = Normalize(flatten.start_dim, shape.Length);
        var end = Normalize(flatten.end_dim, shape.Length);
        // ONNX Flatten always yields 2-D, which is PyTorch's result only for the default (1, −1).
        if (start == 1 && end == shape.Length - 1)
        {
            return new[] { graph.Flatten(x, 1) };
        }

        long[] target = [.. Leading(start), -1, .. Trailing(shape, end + 1, context)];
        return new[] { graph.Reshape(x, target) };
    }

    private static IReadOnlyList<string> ConvertUnflatten(ExportContext context, Unflatten unflatten, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = inputs[0];
        var shape = graph.RequireShape(x);
        var dim = Normalize(unflatten.dim, shape.Length);
        long[] target = [.. Leading(dim), .. unflatten.unflattened_size, .. Trailing(shape, dim + 1, context)];
        return new[] { graph.Reshape(x, target) };
    }

    // Axes before the reshaped ones keep their index, so 0 ("copy") carries the dynamic batch through.
    private static IEnumerable<long> Leading(int count) => Enumerable.Repeat(0L, count);

    // Axes after the reshaped ones move, so they need their size.
    private static IEnumerable<long> Trailing(long[] shape, int from, ExportContext context) =>
        shape[from..].Select(d => d == OnnxGraphBuilder.DynamicBatch
            ? throw new NotSupportedException($"Module at '{context.Path}' reshapes around a dynamic axis that is not the leading one.")
            : d);

    private static int Normalize(long dim, int rank) => (int)(dim < 0 ? dim + rank : dim);
}
