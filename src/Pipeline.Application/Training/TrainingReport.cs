namespace Pipeline.Application.Training;

/// <summary>The end of a training call, the same for every family.</summary>
/// <typeparam name="TMetrics">The family's metrics line.</typeparam>
/// <param name="Run">The run folder.</param>
/// <param name="Result">Completed, interrupted or diverged, with the step and the checkpoint a resume continues from.</param>
/// <param name="Metrics">Every metrics line of the run so far.</param>
/// <param name="LossPlotPath">The loss plot, redrawn at each checkpoint (absent when no checkpoint was written).</param>
/// <param name="Times">Where this call's time went, phase by phase (also in the run's timing.json); <see cref="TrainingTimes.Rows"/> makes the table.</param>
public sealed record TrainingReport<TMetrics>(RunFolder Run, TrainingResult Result, IReadOnlyList<TMetrics> Metrics, string LossPlotPath, TrainingTimes Times)
    where TMetrics : IStepMetrics
{
    /// <summary>The checkpoint a resume continues from.</summary>
    public string CheckpointPath => Run.LastCheckpointPath;

    /// <summary>True when every step ran.</summary>
    public bool Completed => Result.Outcome == TrainingOutcome.Completed;
}
