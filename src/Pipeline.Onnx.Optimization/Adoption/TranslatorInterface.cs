namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>
/// An image → image graph's interface as adoption reads it: one float input and one float output, both
/// [batch, C, H, W]; H and W fixed in the graph or symbolic (then the settings give the size to run at).
/// </summary>
internal sealed record TranslatorInterface(string OutputName, int Channels, int Height, int Width, int OutputChannels, int OutputHeight, int OutputWidth,
    bool DynamicSize, IReadOnlyDictionary<string, long> SymbolicSizes)
{
    public static TranslatorInterface Read(ModelProto model, string path, AdoptionSettings settings, List<string> notes)
    {
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = model.Graph.Input.Where(v => !initializers.Contains(v.Name)).ToArray();
        if (inputs.Length != 1 || model.Graph.Output.Count != 1)
        {
            throw new InvalidDataException($"{path}: a translator has one image input and one image output; this graph has {inputs.Length} input(s) ({string.Join(", ", inputs.Select(Shape))}) and {model.Graph.Output.Count} output(s).");
        }

        var (input, output) = (inputs[0], model.Graph.Output[0]);
        var dims = ImageDims(input, path);
        var outputDims = ImageDims(output, path);
        var channels = (int)(dims[1].Value ?? throw new InvalidDataException($"{path}: input '{input.Name}' {Shape(input)} has a symbolic channel count; export it with a fixed one."));
        if (channels is not (1 or 3))
        {
            var channelsLast = dims[3].Value is 1 or 3
                ? " It looks channels-last ([batch, height, width, channels], as TensorFlow exports): adoption takes [batch, channels, height, width]; export it channels-first or put a Transpose in front."
                : "";
            throw new InvalidDataException($"{path}: input '{input.Name}' {Shape(input)} has {channels} channels; images have 1 (grey) or 3 (RGB).{channelsLast}");
        }

        int height, width;
        if (dims[2].Value is { } h && dims[3].Value is { } w)
        {
            (height, width) = ((int)h, (int)w);
            if (settings.ImageSize is { } size && size != (height, width))
            {
                throw new InvalidDataException($"{path}: input '{input.Name}' is fixed at {height}x{width}; the image size asked for is {size.Height}x{size.Width}.");
            }
        }
        else
        {
            (height, width) = settings.ImageSize ?? throw new InvalidDataException(
                $"{path}: input '{input.Name}' {Shape(input)} has a symbolic height and width; give the size to run it at (--image-size HxW, e.g. 256x256).");
            notes.Add($"height and width are symbolic in the graph; the transforms run it at {height}x{width}");
        }

        var symbolic = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (dim, value) in new[] { (dims[2], height), (dims[3], width) })
        {
            if (dim.Param is { Length: > 0 } name)
            {
                symbolic[name] = value;
            }
        }

        var outputHeight = (int)(outputDims[2].Value ?? (long)height * settings.OutputScale);
        var outputWidth = (int)(outputDims[3].Value ?? (long)width * settings.OutputScale);
        if (outputDims[2].Value is null || outputDims[3].Value is null)
        {
            notes.Add($"the output's height and width are symbolic; taken as the input's ×{settings.OutputScale} (--scale), {outputHeight}x{outputWidth}, and checked in ONNX Runtime");
        }

        return new TranslatorInterface(output.Name, channels, height, width, (int)(outputDims[1].Value ?? channels), outputHeight, outputWidth,
            dims[2].Value is null || dims[3].Value is null, symbolic);
    }

    private static (long? Value, string? Param)[] ImageDims(ValueInfoProto value, string path)
    {
        var tensor = value.Type?.TensorType;
        if (tensor?.ElemType != (int)OnnxElementType.Float32 || tensor.Shape is null || tensor.Shape.Dim.Count != 4)
        {
            throw new InvalidDataException($"{path}: '{value.Name}' {Shape(value)} is not a float32 image tensor [batch, channels, height, width].");
        }

        return tensor.Shape.Dim.Select(d => (d.HasDimValue ? d.DimValue : (long?)null, d.HasDimParam ? d.DimParam : null)).ToArray();
    }

    private static string Shape(ValueInfoProto value) =>
        value.Type?.TensorType?.Shape is { } shape
            ? $"[{string.Join(", ", shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.DimParam))}]"
            : "(no shape)";
}
