using System.Text.Json;

namespace Pipeline.Training.Runs;

/// <summary>Tells which model family a run folder holds, from the <c>kind</c> field of its config.json.</summary>
public static class RunKinds
{
    /// <summary>Runs written before configs carried a kind are VAE runs.</summary>
    public const string Default = "vae";

    /// <summary>The run's kind, e.g. "vae" or "gan".</summary>
    public static string Of(string runPath)
    {
        var run = RunFolder.Open(runPath);
        try
        {
            using var stream = File.OpenRead(run.ConfigPath);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                ? kind.GetString()!
                : Default;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{run.ConfigPath}: not valid JSON ({ex.Message}).", ex);
        }
    }
}
