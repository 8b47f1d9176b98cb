namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>
/// A latent → image graph's interface (a generator or a decoder) as adoption reads it: one float latent input
/// [batch, Z] or [batch, Z, 1, 1] (DCGAN's), optionally one int64 class input [batch], and one float image output
/// [batch, C, H, W] with fixed C, H and W.
/// </summary>
internal sealed record LatentInterface(string OutputName, int LatentSize, bool ClassConditional, int Channels, int Height, int Width)
{
    public static LatentInterface Read(ModelProto model, string path)
    {
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = model.Graph.Input.Where(v => !initializers.Contains(v.Name)).ToArray();
        var latents = inputs.Where(v => v.Type?.TensorType?.ElemType == (int)OnnxElementType.Float32).ToArray();
        var classes = inputs.Where(v => v.Type?.TensorType?.ElemType == (int)OnnxElementType.Int64).ToArray();
        if (latents.Length != 1 || classes.Length > 1 || latents.Length + classes.Length != inputs.Length || model.Graph.Output.Count != 1)
        {
            throw new InvalidDataException($"{path}: a generator or decoder has one float latent input, at most one int64 class input and one image output; " +
                $"this graph has inputs {string.Join(", ", inputs.Select(Describe))} and {model.Graph.Output.Count} output(s).");
        }

        var latent = Dims(latents[0]);
        if (latent.Length is not (2 or 4) || latent[1] is not { } z || latent.Skip(2).Any(d => d != 1))
        {
            throw new InvalidDataException($"{path}: latent input {Describe(latents[0])} is not [batch, Z] or [batch, Z, 1, 1] with a fixed Z.");
        }

        var output = model.Graph.Output[0];
        var image = Dims(output);
        if (image.Length != 4 || image[1] is not { } c || image[2] is not { } h || image[3] is not { } w || c is not (1 or 3))
        {
            throw new InvalidDataException($"{path}: output {Describe(output)} is not an image [batch, C, H, W] with C = 1 or 3 and fixed H and W.");
        }

        return new LatentInterface(output.Name, (int)z, classes.Length == 1, (int)c, (int)h, (int)w);
    }

    private static long?[] Dims(ValueInfoProto value) =>
        value.Type?.TensorType?.Shape?.Dim.Select(d => d.HasDimValue ? d.DimValue : (long?)null).ToArray() ?? [];

    private static string Describe(ValueInfoProto value) =>
        $"'{value.Name}' [{string.Join(", ", Dims(value).Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"))}]";
}
