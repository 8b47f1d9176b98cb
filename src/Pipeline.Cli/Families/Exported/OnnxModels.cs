using Pipeline.Cli.Console;
using Pipeline.Onnx;

namespace Pipeline.Cli.Families.Exported;

/// <summary>Finding exported models by their metadata role, and reading the metadata the ML.NET jobs need.</summary>
internal static class OnnxModels
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

    /// <summary>
    /// Where <c>sample EXPORT</c> writes without <c>--out</c>: <c>NAME-samples.png</c> in the current directory, never
    /// inside the export folder (a committed model folder must not change by sampling from it).
    /// </summary>
    public static string DefaultSamplesPath(string model)
    {
        var full = Path.GetFullPath(model).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Environment.CurrentDirectory, $"{Path.GetFileNameWithoutExtension(full)}-samples.png");
    }

    public static OnnxModelMetadata Metadata(string file) => OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(file)));

    /// <summary>The model's input image shape from its metadata.</summary>
    public static (int C, int H, int W) Shape(OnnxModelMetadata metadata, string file) =>
        metadata is { ImageChannels: { } c, ImageHeight: { } h, ImageWidth: { } w }
            ? (c, h, w)
            : throw new CliError($"{file}: no {OnnxMetadataKeys.ImageChannels}/{OnnxMetadataKeys.ImageHeight}/{OnnxMetadataKeys.ImageWidth} metadata; export it with `pipeline export`.");
}
