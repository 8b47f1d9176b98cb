using Google.Protobuf;

namespace Pipeline.Onnx;

/// <summary>Reads ONNX files with errors that name the file and say what is wrong.</summary>
public static class OnnxFile
{
    /// <summary>Parses <paramref name="path"/> as an ONNX ModelProto with a graph.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model.</exception>
    public static ModelProto Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model not found: {path}", path);
        }

        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"{path}: not an ONNX model (protobuf parse failed: {ex.Message}).", ex);
        }

        if (model.Graph is null || model.Graph.Node.Count == 0 || model.OpsetImport.Count == 0)
        {
            throw new InvalidDataException($"{path}: not an ONNX model (no graph nodes or no opset import).");
        }

        return model;
    }

    /// <summary>The model's metadata_props as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(ModelProto model) =>
        model.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
