using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>
/// The idle <see cref="BatchRunner"/>s of one transformer, so that each cursor (one per <c>Transform</c> read) takes
/// buffers that are already rented, pinned as OrtValues and bound, instead of making and binding new ones: at batch
/// 64 that setup was a measurable share of a fast model's batch. Every cursor of a transformer needs the same
/// runner (the graph inputs and fetched outputs come from its binding, the capacity from its batch size), so any
/// idle one fits. Thread-safe; runners returned after <see cref="Dispose"/> are disposed.
/// </summary>
internal sealed class BatchRunnerPool : IDisposable
{
    private readonly InferenceSession _session;
    private readonly int _capacity;
    private readonly int _maxIdle = Math.Max(2, Environment.ProcessorCount);
    private readonly ConcurrentBag<BatchRunner> _idle = [];
    private volatile bool _disposed;

    public BatchRunnerPool(InferenceSession session, int capacity)
    {
        _session = session;
        _capacity = capacity;
    }

    /// <summary>An idle runner, or a new one for the graph inputs and outputs of <paramref name="bound"/>.</summary>
    public BatchRunner Rent(BoundBinding bound) => _idle.TryTake(out var runner)
        ? runner
        : new BatchRunner(_session, bound.Inputs.Select(i => i.Tensor).ToArray(), bound.RunOutputs, _capacity);

    /// <summary>Keeps <paramref name="runner"/> for the next cursor (its cursor no longer reads its buffers).</summary>
    public void Return(BatchRunner runner)
    {
        if (_disposed || _idle.Count >= _maxIdle)
        {
            runner.Dispose();
            return;
        }

        _idle.Add(runner);
        if (_disposed)
        {
            DisposeIdle(); // Dispose ran between the check and the Add
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var runner))
        {
            runner.Dispose();
        }
    }
}
