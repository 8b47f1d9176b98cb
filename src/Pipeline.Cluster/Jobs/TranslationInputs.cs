using Pipeline.Cluster.Hosting;

namespace Pipeline.Cluster.Jobs;

/// <summary>The images a translation job takes from a folder, in name order, refusing a folder that would be overwritten or holds none.</summary>
public static class TranslationInputs
{
    /// <summary>Image files a translation job takes.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>
    /// The images in <paramref name="folder"/> (full paths, ordinal name order). An <see cref="InvalidJobException"/>
    /// when the folder is <paramref name="outputDirectory"/> itself or holds no image.
    /// </summary>
    public static IReadOnlyList<string> List(string folder, string outputDirectory)
    {
        var full = Path.GetFullPath(folder);
        if (string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), outputDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new InvalidJobException($"--out {outputDirectory} is the --input folder: the translations would overwrite the input images.");
        }

        var files = Directory.GetFiles(full).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files
            : throw new InvalidJobException($"--input {full}: no images ({string.Join(", ", Extensions)}).");
    }
}
