namespace Pipeline.Training;

/// <summary>A training step's report to whoever draws progress (the CLI's progress bar).</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="TotalSteps">Steps the run will take.</param>
/// <param name="Epoch">Fractional epoch.</param>
/// <param name="Values">Named values to show, e.g. loss, KL, D(x).</param>
/// <param name="ImagesPerSecond">Training throughput over the recent steps.</param>
public sealed record TrainingProgress(long Step, long TotalSteps, double Epoch, IReadOnlyList<(string Name, double Value)> Values, double ImagesPerSecond);
