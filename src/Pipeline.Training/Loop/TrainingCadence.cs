namespace Pipeline.Training.Loop;

/// <summary>
/// When the loop writes what, in steps completed. The last step of a run always logs and checkpoints (and samples
/// when <see cref="SampleEvery"/> is set).
/// </summary>
/// <param name="LogEvery">Steps per metrics line (an epoch, or a fixed number of steps).</param>
/// <param name="CheckpointEvery">Steps between periodic checkpoints; 0 for none besides the others.</param>
/// <param name="CheckpointAtLogs">Also checkpoint at every metrics line, so that each logged state can be resumed.</param>
/// <param name="SampleEvery">Steps between sample images; 0 for none.</param>
public sealed record TrainingCadence(long LogEvery, long CheckpointEvery = 0, bool CheckpointAtLogs = false, long SampleEvery = 0)
{
    /// <summary>Throws when an interval is out of range.</summary>
    public TrainingCadence Validate()
    {
        if (LogEvery < 1 || CheckpointEvery < 0 || SampleEvery < 0)
        {
            throw new ArgumentException($"Training cadence needs LogEvery >= 1 and non-negative checkpoint and sample intervals, got {this}.");
        }

        return this;
    }

    /// <summary>
    /// The steps of a run measured in epochs: <paramref name="epochs"/> passes of <paramref name="batchesPerEpoch"/>
    /// batches, cut short at <paramref name="maxSteps"/> when set (quick runs, tests, a wall-time budget).
    /// </summary>
    public static long EpochSteps(int epochs, long batchesPerEpoch, long? maxSteps) => Math.Min(epochs * batchesPerEpoch, maxSteps ?? long.MaxValue);

    internal static bool Hits(long every, long steps) => every > 0 && steps % every == 0;
}
