using System.Globalization;
using Google.Protobuf;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet;

/// <summary>One tensor of the graph's interface; <see cref="Dims"/> leaves out the leading batch dimension.</summary>
internal sealed record OnnxTensorInfo(string Name, TensorProto.Types.DataType ElementType, int[] Dims)
{
    public int Size => Dims.Aggregate(1, (product, d) => product * d);

    public bool IsImage => Dims.Length == 3;

    public string ShapeText => $"[batch, {string.Join(", ", Dims)}]";
}

/// <summary>
/// An exported ONNX file read without ONNX Runtime: its bytes, interface and our metadata, with errors that name the
/// file and say what is missing. Everything a binding needs is checked here, before a session exists.
/// </summary>
internal sealed class GenerativeOnnxModel
{
    private GenerativeOnnxModel(string source, byte[] bytes, ModelProto proto)
    {
        Source = source;
        Bytes = bytes;
        Proto = proto;
        var properties = OnnxFile.Metadata(proto);
        Metadata = OnnxModelMetadata.FromProperties(properties);
        Properties = properties;
        var initializers = proto.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Inputs = proto.Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(v => Describe(v, InputImage)).ToArray();
        Outputs = proto.Graph.Output.Select(v => Describe(v, OutputImage)).ToArray();
    }

    /// <summary>The file, or a description of where the bytes came from.</summary>
    public string Source { get; }

    public byte[] Bytes { get; }

    public ModelProto Proto { get; }

    public OnnxModelMetadata Metadata { get; }

    public IReadOnlyDictionary<string, string> Properties { get; }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The file, with <paramref name="metadata"/> (when given) laid over its own metadata in memory.</summary>
    public static GenerativeOnnxModel Load(string path, OnnxModelMetadata? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model not found: {path}", path);
        }

        var bytes = File.ReadAllBytes(path);
        return FromBytes(metadata is null ? bytes : Overlay(bytes, metadata), path);
    }

    // The file's bytes with the given metadata keys replaced or added; bytes that do not parse are left for FromBytes to refuse.
    private static byte[] Overlay(byte[] bytes, OnnxModelMetadata metadata)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return bytes;
        }

        var given = metadata.ToProperties();
        foreach (var replaced in proto.MetadataProps.Where(p => given.ContainsKey(p.Key)).ToArray())
        {
            proto.MetadataProps.Remove(replaced);
        }

        proto.MetadataProps.AddRange(given.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return proto.ToByteArray();
    }

    public static GenerativeOnnxModel FromBytes(byte[] bytes, string source)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{source}: not an ONNX model (protobuf parse failed: {ex.Message}).", ex);
        }

        if (proto.Graph is null || proto.Graph.Node.Count == 0 || proto.OpsetImport.Count == 0)
        {
            throw new InvalidDataException($"{source}: not an ONNX model (no graph nodes or no opset import).");
        }

        return new GenerativeOnnxModel(source, bytes, proto);
    }

    /// <summary>The role in our metadata, checked against what the caller can run.</summary>
    public string RequireRole(params string[] accepted)
    {
        var role = Metadata.Role ?? throw MissingMetadata(OnnxMetadataKeys.Role, $"one of {string.Join(", ", accepted)}");
        if (!accepted.Contains(role, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{Source}: the model's role ({OnnxMetadataKeys.Role}) is '{role}', expected {string.Join(" or ", accepted.Select(a => $"'{a}'"))}.");
        }

        return role;
    }

    /// <summary>Image geometry and value range of an image input or output, from the metadata, checked against the tensor.</summary>
    public PixelCodec RequireImage(OnnxTensorInfo tensor)
    {
        var c = Metadata.ImageChannels ?? throw MissingMetadata(OnnxMetadataKeys.ImageChannels, "1 or 3");
        var h = Metadata.ImageHeight ?? throw MissingMetadata(OnnxMetadataKeys.ImageHeight, "the image height");
        var w = Metadata.ImageWidth ?? throw MissingMetadata(OnnxMetadataKeys.ImageWidth, "the image width");
        var range = Metadata.ValueRange ?? throw MissingMetadata(OnnxMetadataKeys.ValueRange, "\"min,max\", e.g. \"0,1\"");
        if (Metadata.Normalization is { } normalization && normalization != "none")
        {
            throw new NotSupportedException($"{Source}: pixel normalisation '{normalization}' ({OnnxMetadataKeys.Normalization}) is not supported; only 'none' with {OnnxMetadataKeys.ValueRange}.");
        }

        if (c is not (1 or 3))
        {
            throw new InvalidDataException($"{Source}: {OnnxMetadataKeys.ImageChannels} is {c}; images have 1 or 3 channels.");
        }

        if (Outputs.Contains(tensor) && OutputImage is { } output)
        {
            (c, h, w) = (output[0], output[1], output[2]);
        }

        if (!tensor.Dims.SequenceEqual(new[] { c, h, w }))
        {
            throw new InvalidDataException($"{Source}: tensor '{tensor.Name}' has shape {tensor.ShapeText}, but the metadata says images are {c}x{h}x{w}.");
        }

        if (!(range.Max > range.Min))
        {
            throw new InvalidDataException($"{Source}: {OnnxMetadataKeys.ValueRange} is {range.Min},{range.Max}; max must exceed min.");
        }

        return new PixelCodec(c, h, w, (float)range.Min, (float)range.Max, Metadata.IsBgr(Source));
    }

    public OnnxTensorInfo Input(string name) => Inputs.FirstOrDefault(i => i.Name == name)
        ?? throw new InvalidDataException($"{Source}: no graph input '{name}' (inputs: {string.Join(", ", Inputs.Select(i => i.Name))}).");

    public OnnxTensorInfo Output(string name) => Outputs.FirstOrDefault(i => i.Name == name)
        ?? throw new InvalidDataException($"{Source}: no graph output '{name}' (outputs: {string.Join(", ", Outputs.Select(i => i.Name))}).");

    public InvalidDataException MissingMetadata(string key, string expected) => new(
        $"{Source}: the ONNX file lacks our metadata key '{key}' (expected {expected}). Files written by `pipeline export` carry it. " + AdoptAdvice);

    // What the owner of another exporter's file can do about missing metadata.
    private string AdoptAdvice =>
        $"For another exporter's model (PyTorch's, say) run `pipeline adopt {Path.GetFileName(Source)} --role translator --out DIR` " +
        "(with --image-size HxW when its height and width are symbolic), then give DIR's file to this transform.";

    /// <summary>C, H, W of an input image from the metadata, or null when the metadata has no image size.</summary>
    private int[]? InputImage => Metadata is { ImageChannels: { } c, ImageHeight: { } h, ImageWidth: { } w } ? [c, h, w] : null;

    /// <summary>C, H, W of an output image: a translator's own output size (super-resolution), else the input's.</summary>
    private int[]? OutputImage
    {
        get
        {
            int? Read(string key) => Properties.TryGetValue(key, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
            var image = InputImage;
            return image is null ? null : [
                Read(OnnxMetadataKeys.Translation.OutputChannels) ?? image[0],
                Read(OnnxMetadataKeys.Translation.OutputHeight) ?? image[1],
                Read(OnnxMetadataKeys.Translation.OutputWidth) ?? image[2]];
        }
    }

    /// <summary>
    /// The tensor without its batch. A symbolic image size (a translator exported for any H and W) is fixed at the
    /// metadata's size, which is what our transformers and the saved chain run at; so are the symbolic rows of an
    /// autoregressive model that takes bands (<see cref="OnnxMetadataKeys.Autoregressive.FullSizeOf"/>).
    /// </summary>
    private OnnxTensorInfo Describe(ValueInfoProto value, int[]? image)
    {
        var tensor = value.Type?.TensorType ?? throw new InvalidDataException($"{Source}: graph value '{value.Name}' is not a tensor.");
        var dims = tensor.Shape?.Dim ?? throw new InvalidDataException($"{Source}: graph value '{value.Name}' has no shape.");
        if (dims.Count < 1 || dims[0].DimValue > 0)
        {
            throw new InvalidDataException($"{Source}: graph value '{value.Name}' has no dynamic batch dimension first; our transformers batch rows along it.");
        }

        var rest = dims.Skip(1).Select((d, i) => d.DimValue > 0 ? checked((int)d.DimValue)
            : dims.Count == 4 && image is not null ? image[i]
            : FullSize(d.DimParam) is { } size ? size
            : throw new InvalidDataException($"{Source}: graph value '{value.Name}' has a dynamic dimension besides the batch, and no image size in the metadata to fix it. " + AdoptAdvice)).ToArray();
        return new OnnxTensorInfo(value.Name, (TensorProto.Types.DataType)tensor.ElemType, rest);
    }

    private int? FullSize(string dimParam) =>
        OnnxMetadataKeys.Autoregressive.FullSizeOf.TryGetValue(dimParam, out var key)
        && Properties.TryGetValue(key, out var text)
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : null;
}
