namespace Pipeline.Serving.Batching;

/// <summary>Counters of one model's batcher, read by <c>GET /metrics</c>; updated by its one loop, read by any thread.</summary>
internal sealed class ModelMetrics
{
    private long _requests;
    private long _runs;
    private long _images;
    private long _largestRun;

    public void Requested() => Interlocked.Increment(ref _requests);

    public void Ran(int images)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _images, images);
        if (images > Interlocked.Read(ref _largestRun))
        {
            Interlocked.Exchange(ref _largestRun, images); // only the batcher's loop writes it
        }
    }

    public ModelMetricsSnapshot Snapshot(string model) =>
        new(model, Interlocked.Read(ref _requests), Interlocked.Read(ref _runs), Interlocked.Read(ref _images), Interlocked.Read(ref _largestRun));
}
