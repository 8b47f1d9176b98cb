using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Training.Runs;

/// <summary>
/// The folder one run writes into: <c>config.json</c>, <c>metrics.jsonl</c>, <c>checkpoints/</c>, <c>images/</c> and
/// plots. Every artefact of a run can be found from its path alone.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The run's configuration file; its presence makes a folder a run folder.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>JSON settings shared by configs and metrics: indented, camelCase, enums as names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Id = System.IO.Path.GetFileName(Path.TrimEnd(System.IO.Path.DirectorySeparatorChar));
    }

    /// <summary>Absolute path of the run folder.</summary>
    public string Path { get; }

    /// <summary>The folder's name, used as the run id in checkpoints and ONNX metadata.</summary>
    public string Id { get; }

    /// <summary>The configuration file.</summary>
    public string ConfigPath => File(ConfigFileName);

    /// <summary>Per-epoch metrics, one JSON object per line.</summary>
    public string MetricsPath => File("metrics.jsonl");

    /// <summary>The latest checkpoint, overwritten atomically.</summary>
    public string LastCheckpointPath => File("checkpoints", "last.ckpt");

    /// <summary>What the family's <c>evaluate</c> measured last.</summary>
    public string EvaluationPath => File("evaluation.json");

    /// <summary>Creates <paramref name="path"/>, refusing to overwrite a folder that already holds a run.</summary>
    public static RunFolder Create(string path)
    {
        if (System.IO.File.Exists(System.IO.Path.Combine(path, ConfigFileName)))
        {
            throw new IOException($"{path} already holds a run (config.json exists): pass --resume to continue it, or choose another --out.");
        }

        Directory.CreateDirectory(path);
        return new RunFolder(path);
    }

    /// <summary>Opens an existing run, which must have a config.json.</summary>
    public static RunFolder Open(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Run folder not found: {path}");
        }

        if (!System.IO.File.Exists(System.IO.Path.Combine(path, ConfigFileName)))
        {
            throw new FileNotFoundException($"{path} is not a run folder: it has no config.json.", System.IO.Path.Combine(path, ConfigFileName));
        }

        return new RunFolder(path);
    }

    /// <summary>A path inside the run folder; parent folders are created.</summary>
    public string File(params string[] parts)
    {
        var full = System.IO.Path.Combine([Path, .. parts]);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Writes <paramref name="config"/> as config.json (atomically).</summary>
    public void WriteConfig<T>(T config)
    {
        AtomicFile.Write(ConfigPath, stream => JsonSerializer.Serialize(stream, config, Json));
    }

    /// <summary>Reads config.json, naming the file when it does not parse.</summary>
    public T ReadConfig<T>() => ReadJson<T>(ConfigPath, "run configuration");

    /// <summary>Writes an evaluation's figures as evaluation.json (atomically), replacing the previous one.</summary>
    public string WriteEvaluation<T>(T evaluation)
    {
        AtomicFile.Write(EvaluationPath, stream => JsonSerializer.Serialize(stream, evaluation, Json));
        return EvaluationPath;
    }

    /// <summary>The last evaluation, or null when the run has not been evaluated.</summary>
    public T? ReadEvaluation<T>()
        where T : class =>
        System.IO.File.Exists(EvaluationPath) ? ReadJson<T>(EvaluationPath, "evaluation") : null;

    private static T ReadJson<T>(string path, string what)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid {what} ({ex.Message}).", ex);
        }
    }
}
