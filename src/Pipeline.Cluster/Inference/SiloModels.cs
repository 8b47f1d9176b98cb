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
    private readonly string? _modelRoot;

    /// <summary>Creates an empty cache whose sessions use <paramref name="runtime"/>.</summary>
    /// <param name="runtime">ONNX Runtime settings of every session.</param>
    /// <param name="modelRoot">The folder relative model paths are read from on this silo (each machine keeps its own
    /// copy of the models); null means the silo's working folder.</param>
    public SiloModels(OnnxRuntimeOptions runtime, string? modelRoot = null)
    {
        _runtime = runtime;
        _modelRoot = modelRoot;
    }

    /// <summary>The loaded model for <paramref name="path"/>; throws the (cached) load failure.</summary>
    internal LoadedModel Get(string path)
    {
        var key = Path.GetFullPath(_modelRoot is null ? path : Path.Combine(_modelRoot, path));
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
