using System.Text.Json;
using Orleans.Runtime;
using Orleans.Storage;
using Pipeline.Data;

namespace Pipeline.Cluster.State;

/// <summary>
/// Grain storage in a folder that every silo of one machine shares: one JSON file per record (<c>{eTag, state}</c>),
/// replaced through a temp file and a rename, so a reader never sees a torn record and a killed silo loses nothing it
/// had written. Writes compare the caller's ETag with the stored one under a lock file, so two activations of one
/// grain (briefly possible while membership settles after a silo died) cannot both win.
/// </summary>
internal sealed class FileGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string _folder;
    private readonly string _lock;

    public FileGrainStorage(string folder)
    {
        _folder = Directory.CreateDirectory(folder).FullName;
        _lock = Path.Combine(_folder, ".lock");
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = await ReadAsync<T>(PathOf(stateName, grainId));
        if (record is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = record.State!;
        grainState.ETag = record.ETag;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ChangeAsync(stateName, grainId, grainState, path =>
        {
            var record = new Record<T> { ETag = Guid.NewGuid().ToString("N"), State = grainState.State };
            AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, record, Json));
            return record.ETag;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ChangeAsync(stateName, grainId, grainState, path =>
        {
            File.Delete(path);
            return null;
        });

    /// <summary>Under the lock: checks the caller's ETag, then lets <paramref name="change"/> write or delete the record and return its new ETag (null: deleted).</summary>
    private async Task ChangeAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, Func<string, string?> change)
    {
        var path = PathOf(stateName, grainId);
        using (await FileLock.TakeAsync(_lock))
        {
            await CheckETagAsync<T>(path, grainState.ETag);
            grainState.ETag = change(path);
            grainState.RecordExists = grainState.ETag is not null;
        }
    }

    private static async Task CheckETagAsync<T>(string path, string? expected)
    {
        var stored = (await ReadAsync<T>(path))?.ETag;
        if (stored != expected)
        {
            throw new InconsistentStateException($"{path}: written with ETag {expected ?? "(none)"}, stored {stored ?? "(none)"}; another activation wrote it.", stored, expected);
        }
    }

    private static async Task<Record<T>?> ReadAsync<T>(string path)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<Record<T>>(stream, Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string stateName, GrainId grainId) => Path.Combine(_folder, Uri.EscapeDataString($"{stateName}-{grainId}") + ".json");

    private sealed class Record<T>
    {
        public string ETag { get; set; } = string.Empty;

        public T? State { get; set; }
    }
}
