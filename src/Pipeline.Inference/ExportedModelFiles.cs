using Pipeline.Onnx;

namespace Pipeline.Inference;

/// <summary>
/// Finding exported models by their metadata role (a folder written by <c>pipeline export</c>, or one .onnx file), and
/// reading the metadata the operations need.
/// </summary>
public static class ExportedModelFiles
{
    /// <summary>
    /// <paramref name="path"/> itself when it is an .onnx file of that role; else the first .onnx file (by name) in the
    /// folder <paramref name="path"/> whose role is <paramref name="role"/>; null when there is none.
    /// </summary>
    public static string? FindByRole(string path, string role)
    {
        if (File.Exists(path))
        {
            return path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && Metadata(path).Role == role ? path : null;
        }

        return Directory.Exists(path)
            ? Directory.GetFiles(path, "*.onnx").Order(StringComparer.Ordinal).FirstOrDefault(f => Metadata(f).Role == role)
            : null;
    }

    /// <summary>True when <paramref name="path"/> is an .onnx file or a folder holding a generator, decoder, translator or autoregressive model by metadata role.</summary>
    public static bool IsOnnxModel(string path) =>
        (File.Exists(path) && path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        || (Directory.Exists(path) && (FindByRole(path, OnnxMetadataKeys.Roles.Generator) ?? FindByRole(path, OnnxMetadataKeys.Roles.Decoder)
            ?? FindByRole(path, OnnxMetadataKeys.Roles.Translator) ?? FindByRole(path, OnnxMetadataKeys.Roles.Autoregressive)) is not null);

    /// <summary>True when <paramref name="path"/> holds (or is) a model <c>SampleImages</c> can draw from (a PixelCNN, or VQ-VAE-2's priors).</summary>
    public static bool IsAutoregressive(string path) =>
        File.Exists(path)
            ? path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && Metadata(path).Role == OnnxMetadataKeys.Roles.Autoregressive
            : Directory.Exists(path) && FindByRole(path, OnnxMetadataKeys.Roles.Autoregressive) is not null;

    /// <summary>
    /// Where samples go when the caller names no file: <c>NAME-samples.png</c> in the current directory, never inside
    /// the export folder (a committed model folder must not change by sampling from it).
    /// </summary>
    public static string DefaultSamplesPath(string model)
    {
        var full = Path.GetFullPath(model).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Environment.CurrentDirectory, $"{Path.GetFileNameWithoutExtension(full)}-samples.png");
    }

    /// <summary>The metadata our exporter wrote into <paramref name="file"/>.</summary>
    public static OnnxModelMetadata Metadata(string file) => OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(file)));

    /// <summary>The model's input image shape from its metadata; an <see cref="InvalidRequestException"/> when it has none.</summary>
    public static (int C, int H, int W) Shape(OnnxModelMetadata metadata, string file) =>
        metadata is { ImageChannels: { } c, ImageHeight: { } h, ImageWidth: { } w }
            ? (c, h, w)
            : throw new InvalidRequestException($"{file}: no {OnnxMetadataKeys.ImageChannels}/{OnnxMetadataKeys.ImageHeight}/{OnnxMetadataKeys.ImageWidth} metadata; export it with `pipeline export`.");
}
