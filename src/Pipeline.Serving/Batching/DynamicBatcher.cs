using System.Diagnostics;
using System.Threading.Channels;
using Pipeline.MLNet;
using Pipeline.Serving.Models;

namespace Pipeline.Serving.Batching;

/// <summary>
/// Dynamic batching for one model, as NVIDIA Triton's dynamic batcher and TorchServe's <c>max_batch_delay</c> do it:
/// requests queue on a channel; one loop takes the oldest, then waits until the window since its arrival has passed or
/// the batch holds <c>maxBatch</c> rows, and runs them all as one ONNX Runtime run through a pinned
/// <see cref="BatchRunner"/>, handing each caller its own rows. A window of zero runs each request alone. A request of
/// more rows than <c>maxBatch</c> (a large generate) runs alone in several full runs.
/// <para>
/// Unlike Triton, the window also closes as soon as no other request for the model is on its way in (received by an
/// endpoint, its body still being read or decoded; see <see cref="Arrive"/>): waiting for those surely fills the
/// batch, waiting for requests nobody has sent yet only idles the cores. On 2 CPU cores a fixed 5 ms window cost a
/// lone request 5 ms and halved the throughput of 8 to 32 clients that send again as soon as they are answered.
/// A request refused after it arrived (a body that does not decode) does not wake the loop: at worst the batch then
/// waits out the rest of its window, as it would have without the early close.
/// </para>
/// </summary>
internal sealed class DynamicBatcher : IAsyncDisposable
{
    private readonly ServedModel _model;
    private readonly long _windowTicks;
    private readonly int _maxBatch;
    private readonly Channel<BatchRequest> _queue = Channel.CreateUnbounded<BatchRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BatchRunner _runner;
    private readonly Task _loop;
    private BatchRequest? _held;
    private int _arriving;

    public DynamicBatcher(ServedModel model, TimeSpan window, int maxBatch)
    {
        _model = model;
        _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        _maxBatch = maxBatch;
        var inputs = model.Label is { } label ? new[] { model.Main!, label } : [model.Main!];
        _runner = new BatchRunner(model.Session!, inputs, [model.Output!], maxBatch);
        _loop = Task.Run(LoopAsync);
    }

    public ModelMetrics Metrics { get; } = new();

    /// <summary>
    /// Says a request for this model has arrived and is being read, so that an open batch waits for it; run it through
    /// the returned <see cref="Arrival"/>, whose disposal withdraws it if it was refused before it was queued.
    /// </summary>
    public Arrival Arrive()
    {
        Interlocked.Increment(ref _arriving);
        return new Arrival(this);
    }

    /// <summary>
    /// Queues <paramref name="rows"/> rows of the model's main input (and their classes) and returns the model's output
    /// rows for them once their batch has run.
    /// </summary>
    private Task<float[]> Enqueue(float[] main, long[]? labels, int rows)
    {
        var request = new BatchRequest(main, labels, rows);
        var queued = _queue.Writer.TryWrite(request);
        // Queued before it stops counting as arriving, so the loop sees it one way or the other.
        Interlocked.Decrement(ref _arriving);
        if (!queued)
        {
            throw new ObjectDisposedException(nameof(DynamicBatcher), "The server is stopping.");
        }

        Metrics.Requested();
        return request.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // Requests already queued are still run: the loop ends when the channel is empty.
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _runner.Dispose();
    }

    private async Task LoopAsync()
    {
        var batch = new List<BatchRequest>();
        while (await NextAsync().ConfigureAwait(false) is { } first)
        {
            batch.Clear();
            batch.Add(first);
            var rows = first.Rows;
            var deadline = first.Queued + _windowTicks;
            while (_windowTicks > 0 && rows < _maxBatch)
            {
                if (!_queue.Reader.TryRead(out var next))
                {
                    if (Volatile.Read(ref _arriving) == 0 && !_queue.Reader.TryPeek(out _))
                    {
                        break; // nobody on the way in
                    }

                    var left = deadline - Stopwatch.GetTimestamp();
                    if (left <= 0 || !await WaitAsync(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                if (rows + next.Rows > _maxBatch)
                {
                    _held = next; // first in the next batch, so no request is overtaken
                    break;
                }

                batch.Add(next);
                rows += next.Rows;
            }

            Run(batch);
        }
    }

    private async Task<BatchRequest?> NextAsync()
    {
        if (_held is { } held)
        {
            _held = null;
            return held;
        }

        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_queue.Reader.TryRead(out var request))
            {
                return request;
            }
        }

        return null;
    }

    // True when a request arrived within the time left, false when the window closed or the queue did.
    private async Task<bool> WaitAsync(TimeSpan left)
    {
        using var timeout = new CancellationTokenSource(left);
        try
        {
            return await _queue.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Run(List<BatchRequest> batch)
    {
        try
        {
            var results = Fill(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.SetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            // A failed run fails its callers, not the server: the next batch runs as usual.
            foreach (var request in batch)
            {
                request.Result.TrySetException(ex);
            }
        }
    }

    // The requests' rows copied into the runner, run a full runner at a time, and the outputs copied back per caller.
    private float[][] Fill(List<BatchRequest> batch)
    {
        var (mainSize, outputSize) = (_model.Main!.Size, _model.Output!.Size);
        var results = batch.Select(r => new float[r.Rows * outputSize]).ToArray();
        var pending = new List<(int Request, int Row)>(_runner.Capacity);
        for (var i = 0; i < batch.Count; i++)
        {
            for (var row = 0; row < batch[i].Rows; row++)
            {
                var slot = pending.Count;
                batch[i].Main.AsSpan(row * mainSize, mainSize).CopyTo(_runner.FloatInputs[0].AsSpan(slot * mainSize));
                if (batch[i].Labels is { } labels)
                {
                    _runner.IndexInputs[1][slot] = labels[row];
                }

                pending.Add((i, row));
                if (pending.Count == _runner.Capacity)
                {
                    Flush(pending, results, outputSize);
                }
            }
        }

        if (pending.Count > 0)
        {
            Flush(pending, results, outputSize);
        }

        return results;
    }

    private void Flush(List<(int Request, int Row)> pending, float[][] results, int outputSize)
    {
        _runner.Run(pending.Count);
        Metrics.Ran(pending.Count);
        for (var slot = 0; slot < pending.Count; slot++)
        {
            var (request, row) = pending[slot];
            _runner.Outputs[0].AsSpan(slot * outputSize, outputSize).CopyTo(results[request].AsSpan(row * outputSize));
        }

        pending.Clear();
    }

    /// <summary>One request between its arrival at an endpoint and its queuing: counted as on its way in until then.</summary>
    public sealed class Arrival(DynamicBatcher batcher) : IDisposable
    {
        private bool _done;

        /// <summary>Queues the request's rows and returns its output rows once their batch has run.</summary>
        public Task<float[]> RunAsync(float[] main, long[]? labels, int rows)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            _done = true;
            return batcher.Enqueue(main, labels, rows);
        }

        /// <summary>Withdraws the request if it was never queued (refused, or the client went away).</summary>
        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                Interlocked.Decrement(ref batcher._arriving);
            }
        }
    }
}
