using System.Text.Json;

namespace Pipeline.Training.Runs;

/// <summary>
/// Tells which model family a run folder holds, from the <c>kind</c> field of its config.json. A config without a
/// kind is an error, never a guess: every config this toolkit writes names its kind.
/// </summary>
public static class RunKinds
{
    /// <summary>The run's kind, e.g. "vae" or "gan"; throws <see cref="InvalidDataException"/> naming config.json when it has none.</summary>
    public static string Of(string runPath)
    {
        var run = RunFolder.Open(runPath);
        try
        {
            using var stream = File.OpenRead(run.ConfigPath);
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind)
                && kind.ValueKind == JsonValueKind.String
                && kind.GetString() is { Length: > 0 } name)
            {
                return name;
            }

            throw new InvalidDataException(
                $"{run.ConfigPath}: no \"kind\" field naming the run's model family (e.g. \"kind\": \"vae\"); it was not written by this toolkit's `train`.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{run.ConfigPath}: not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Opens <paramref name="runPath"/> as a run of <paramref name="expected"/> kind, or throws
    /// <see cref="InvalidDataException"/> naming the folder, its kind and <paramref name="trainedWith"/>.
    /// </summary>
    /// <param name="runPath">The run folder.</param>
    /// <param name="expected">The kind the caller needs, e.g. "vae".</param>
    /// <param name="trainedWith">How such a run is made, for the message, e.g. "`train vae`".</param>
    public static RunFolder Open(string runPath, string expected, string trainedWith)
    {
        var run = RunFolder.Open(runPath);
        var kind = Of(run.Path);
        if (kind != expected)
        {
            throw new InvalidDataException($"{run.Path} is a '{kind}' run; this needs a '{expected}' run (made by {trainedWith}).");
        }

        return run;
    }
}
