namespace Pipeline.Training.Loop;

/// <summary>How a call to <see cref="TrainingLoop{TReport, TMetrics}.Run"/> ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All steps ran; the final checkpoint is written.</summary>
    Completed,

    /// <summary>Cancelled (Ctrl+C); the current step is checkpointed unless the recipe vetoed it.</summary>
    Interrupted,

    /// <summary>The recipe reported divergence; the last checkpoint is the last healthy one.</summary>
    Diverged,
}

/// <summary>The end of a training call.</summary>
/// <param name="Outcome">Completed, interrupted or diverged.</param>
/// <param name="Step">Steps completed.</param>
/// <param name="CheckpointStep">The step of the checkpoint a resume would continue from; null when there is none.</param>
/// <param name="Message">For divergence, what happened and what was kept.</param>
public sealed record TrainingResult(TrainingOutcome Outcome, long Step, long? CheckpointStep, string? Message = null);
