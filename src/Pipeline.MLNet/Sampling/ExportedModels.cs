namespace Pipeline.MLNet.Sampling;

/// <summary>
/// The ONNX files of one export as a sampler receives them: parsed once, found by their metadata (role, level), kept
/// with the names they were read under (what a saved ML.NET model stores and gives back).
/// </summary>
internal sealed class ExportedModels
{
    private ExportedModels(string source, IReadOnlyList<GenerativeOnnxModel> models)
    {
        Source = source;
        Models = models;
    }

    /// <summary>The export folder, file or saved model the files came from.</summary>
    public string Source { get; }

    public IReadOnlyList<GenerativeOnnxModel> Models { get; }

    /// <summary>The files' bytes by name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files =>
        Models.ToDictionary(m => Path.GetFileName(m.Source), m => m.Bytes, StringComparer.Ordinal);

    /// <summary>Files already read, by name (a saved ML.NET model's).</summary>
    public static ExportedModels FromFiles(string source, IReadOnlyDictionary<string, byte[]> files) =>
        new(source, files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => GenerativeOnnxModel.FromBytes(f.Value, Path.Combine(source, f.Key))).ToArray());

    /// <summary>Every .onnx file of a folder, or the one file given.</summary>
    public static ExportedModels Read(string exportFolderOrFile)
    {
        if (File.Exists(exportFolderOrFile))
        {
            return new(exportFolderOrFile, [GenerativeOnnxModel.Load(exportFolderOrFile)]);
        }

        if (!Directory.Exists(exportFolderOrFile))
        {
            throw new DirectoryNotFoundException($"Export folder not found: {exportFolderOrFile}");
        }

        var files = Directory.GetFiles(exportFolderOrFile, "*.onnx").Order(StringComparer.Ordinal);
        return new(exportFolderOrFile, files.Select(f => GenerativeOnnxModel.Load(f)).ToArray());
    }

    /// <summary>Only the files of <paramref name="family"/> whose role is one of <paramref name="roles"/>.</summary>
    public ExportedModels Only(string family, params string[] roles) =>
        new(Source, Models.Where(m => m.Metadata.ModelFamily == family && roles.Contains(m.Metadata.Role)).ToArray());

    /// <summary>
    /// The one file of <paramref name="role"/> (and, when given, of autoregressive level <paramref name="level"/>);
    /// an error that lists what the export holds otherwise.
    /// </summary>
    public GenerativeOnnxModel Single(string role, string? level = null)
    {
        var found = Models.Where(m => m.Metadata.Role == role && (level is null || m.Properties.GetValueOrDefault(OnnxMetadataKeys.Autoregressive.Level) == level)).ToArray();
        var what = level is null ? $"role '{role}'" : $"role '{role}' at {OnnxMetadataKeys.Autoregressive.Level} '{level}'";
        return found.Length switch
        {
            1 => found[0],
            0 => throw new FileNotFoundException($"{Source}: no ONNX file with {what} (it holds {Describe()})."),
            _ => throw new InvalidDataException($"{Source}: {found.Length} ONNX files with {what} ({string.Join(", ", found.Select(m => Path.GetFileName(m.Source)))}); expected one."),
        };
    }

    /// <summary>"name (family role[ level]), ..." for errors.</summary>
    public string Describe() => Models.Count == 0
        ? "no .onnx files"
        : string.Join(", ", Models.Select(m =>
            $"{Path.GetFileName(m.Source)} ({m.Metadata.ModelFamily ?? "no family"} {m.Metadata.Role ?? "no role"}{(m.Properties.GetValueOrDefault(OnnxMetadataKeys.Autoregressive.Level) is { } l ? $" {l}" : "")})"));
}
