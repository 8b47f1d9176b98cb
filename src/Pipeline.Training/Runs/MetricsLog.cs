using System.Text.Json;

namespace Pipeline.Training.Runs;

/// <summary>Appends one JSON object per line; on resume, drops lines from steps the checkpoint had not reached.</summary>
public sealed class MetricsLog<T>
    where T : IStepMetrics
{
    private static readonly JsonSerializerOptions Compact = new(RunFolder.Json) { WriteIndented = false };
    private readonly string _path;

    public MetricsLog(string path)
    {
        _path = path;
    }

    /// <summary>Every record in the file, in order.</summary>
    public IReadOnlyList<T> ReadAll()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        return File.ReadLines(_path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<T>(line, Compact) ?? throw new InvalidDataException($"{_path}: empty record."))
            .ToList();
    }

    /// <summary>Keeps only records at or before <paramref name="step"/>: the state a resumed run continues from.</summary>
    public void TruncateAfter(long step)
    {
        var kept = ReadAll().Where(r => r.Step <= step).Select(r => JsonSerializer.Serialize(r, Compact));
        Pipeline.Data.AtomicFile.Write(_path, stream =>
        {
            using var writer = new StreamWriter(stream);
            foreach (var line in kept)
            {
                writer.WriteLine(line);
            }
        });
    }

    /// <summary>Appends one record.</summary>
    public void Append(T record)
    {
        File.AppendAllText(_path, JsonSerializer.Serialize(record, Compact) + Environment.NewLine);
    }
}

/// <summary>A metrics record that knows the optimisation step it describes.</summary>
public interface IStepMetrics
{
    /// <summary>Optimisation steps completed when the record was written.</summary>
    long Step { get; }
}
