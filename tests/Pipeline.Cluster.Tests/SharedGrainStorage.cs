using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// Grain storage that lives outside every silo of an in-process test cluster, as a database would: a silo stopped
/// mid-job takes no job records with it (Orleans' memory storage keeps them in grains on the silos).
/// </summary>
internal sealed class SharedGrainStorage(ConcurrentDictionary<string, (object State, string ETag)> records, DeepCopier copier) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (records.TryGetValue(Key(stateName, grainId), out var record))
        {
            grainState.State = copier.Copy((T)record.State);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var stored = (object)copier.Copy(grainState.State)!;
        records.AddOrUpdate(key,
            _ => grainState.ETag is null ? (stored, etag) : throw new InconsistentStateException($"{key}: written with ETag {grainState.ETag} but absent"),
            (_, old) => old.ETag == grainState.ETag ? (stored, etag) : throw new InconsistentStateException($"{key}: ETag {grainState.ETag}, stored {old.ETag}"));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        records.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
