using System.Collections.Concurrent;
using Pipeline.MLNet;

namespace Pipeline.Cluster.Inference;

/// <summary>
/// The models a silo has loaded: one <see cref="LoadedModel"/> (one ONNX Runtime session) per file, shared by every
/// worker activation on the silo. A file that failed to load stays refused, so the silo turns its shards away at
/// once instead of failing them one by one; restart the silo after fixing the file.
/// </summary>
public sealed class SiloModels : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<LoadedModel>> _models = new(StringComparer.Ordinal);
    private readonly OnnxRuntimeOptions _runtime;

    /// <summary>Creates an empty cache whose sessions use <paramref name="runtime"/>.</summary>
    public SiloModels(OnnxRuntimeOptions runtime)
    {
        _runtime = runtime;
    }

    /// <summary>The loaded model for <paramref name="path"/>; throws the (cached) load failure.</summary>
    internal LoadedModel Get(string path)
    {
        var key = Path.GetFullPath(path);
        return _models.GetOrAdd(key, k => new Lazy<LoadedModel>(() => LoadedModel.Load(k, _runtime), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Disposes every loaded session.</summary>
    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated))
        {
            try
            {
                model.Value.Dispose();
            }
            catch (ModelUnavailableException)
            {
                // A cached load failure has nothing to dispose.
            }
        }
    }
}
