using System.Diagnostics;
using Pipeline.Models.Runtime;
using Pipeline.Training.Checkpoints;

namespace Pipeline.Training.Loop;

/// <summary>
/// Runs a <see cref="ITrainingRecipe{TReport, TMetrics}"/> against its run folder: steps up to the total or
/// cancellation, progress with throughput, metrics lines at the recipe's log boundaries, atomic checkpoints (at its
/// cadence, at the end and on cancellation) with the loss plot redrawn beside them, periodic samples, and a stop on
/// divergence that leaves the last good checkpoint in place. Because each step is a pure function of (seed, step,
/// checkpoint), <see cref="Resume"/> followed by <see cref="Run"/> repeats an uninterrupted run exactly.
/// </summary>
public sealed class TrainingLoop<TReport, TMetrics>
    where TReport : IStepReport
    where TMetrics : IStepMetrics
{
    private readonly RunFolder _run;
    private readonly ITrainingRecipe<TReport, TMetrics> _recipe;
    private readonly TrainingCadence _cadence;
    private readonly MetricsLog<TMetrics> _metrics;

    public TrainingLoop(RunFolder run, ITrainingRecipe<TReport, TMetrics> recipe)
    {
        ConvolutionKernels.EnsureChecked();
        _run = run;
        _recipe = recipe;
        _cadence = recipe.Cadence.Validate();
        _metrics = new MetricsLog<TMetrics>(run.MetricsPath);
    }

    /// <summary>Steps completed so far (after <see cref="Resume"/>, the checkpoint's step).</summary>
    public long Step { get; private set; }

    /// <summary>The loss plot, redrawn at every checkpoint.</summary>
    public string LossPlotPath => _run.File("loss.png");

    /// <summary>Every metrics line of the run so far.</summary>
    public IReadOnlyList<TMetrics> Metrics => _metrics.ReadAll();

    /// <summary>Loads the run's last checkpoint into the recipe's networks and optimisers and drops later metrics lines.</summary>
    public void Resume()
    {
        var header = Checkpoint.Load(_run.LastCheckpointPath, _recipe.Kind, _recipe.Modules, _recipe.Optimizers);
        Step = header.Step;
        _metrics.TruncateAfter(Step);
    }

    /// <summary>Runs the remaining steps; see the class summary for how it ends.</summary>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var total = _recipe.TotalSteps;
        long? checkpointed = File.Exists(_run.LastCheckpointPath) ? Checkpoint.ReadHeader(_run.LastCheckpointPath).Step : null;
        var window = new List<TReport>();
        var (images, seconds) = (0, 0.0);
        while (Step < total && !cancellation.IsCancellationRequested)
        {
            CollectionSafePoints.Reached();
            var clock = Stopwatch.StartNew();
            var report = _recipe.Step(Step);
            Step++;
            window.Add(report);
            (images, seconds) = (images + report.Images, seconds + clock.Elapsed.TotalSeconds);
            progress?.Report(new TrainingProgress(Step, total, _recipe.EpochOf(Step), report.Shown, seconds > 0 ? images / seconds : 0));

            if (_recipe.CheckDivergence(report) is { } divergence)
            {
                var kept = checkpointed is { } c ? $"step {c}" : "none";
                var message = $"training diverged at step {Step}: {divergence.Reason}. The last checkpoint ({kept}) was kept"
                    + (divergence.Advice is { } advice ? $"; {advice}" : ".");
                return new TrainingResult(TrainingOutcome.Diverged, Step, checkpointed, message);
            }

            var end = Step == total;
            var log = end || TrainingCadence.Hits(_cadence.LogEvery, Step);
            if (log)
            {
                _metrics.Append(_recipe.Summarise(new StepWindow<TReport>(window, Step, images, seconds)));
                window = [];
                (images, seconds) = (0, 0.0);
            }

            if (TrainingCadence.Hits(_cadence.SampleEvery, Step) || (end && _cadence.SampleEvery > 0))
            {
                _recipe.SaveSamples(_run, Step);
            }

            var periodic = TrainingCadence.Hits(_cadence.CheckpointEvery, Step) || (log && _cadence.CheckpointAtLogs);
            if (end || (periodic && _recipe.MayCheckpoint))
            {
                checkpointed = SaveCheckpoint();
            }
        }

        if (Step < total)
        {
            if (checkpointed != Step && _recipe.MayCheckpoint)
            {
                checkpointed = SaveCheckpoint();
            }

            return new TrainingResult(TrainingOutcome.Interrupted, Step, checkpointed);
        }

        return new TrainingResult(TrainingOutcome.Completed, Step, checkpointed);
    }

    private long SaveCheckpoint()
    {
        Checkpoint.Save(_run.LastCheckpointPath, _recipe.Kind, Step, _run.Id, _recipe.Modules, _recipe.Optimizers);
        _recipe.DrawLosses(LossPlotPath, _metrics.ReadAll());
        return Step;
    }
}
