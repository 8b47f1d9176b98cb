using System.Diagnostics;

namespace Pipeline.Serving.Batching;

/// <summary>
/// One caller's rows waiting for a batch: the model's main input (latents or source images, row after row), the
/// class of each row for a class-conditional generator, and where its own output rows go.
/// </summary>
internal sealed class BatchRequest(float[] main, long[]? labels, int rows)
{
    public float[] Main { get; } = main;

    public long[]? Labels { get; } = labels;

    public int Rows { get; } = rows;

    /// <summary>When it was queued: the batch window runs from its oldest request's arrival, as Triton's queue delay does.</summary>
    public long Queued { get; } = Stopwatch.GetTimestamp();

    // Continuations run off the batcher's loop, so a slow caller (PNG encoding, a slow socket) never holds up the next batch.
    public TaskCompletionSource<float[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
