using System.Diagnostics;
using System.Text.Json;
using Pipeline.Models.Runtime;
using Pipeline.Training.Checkpoints;

namespace Pipeline.Training.Loop;

/// <summary>
/// Runs a <see cref="ITrainingRecipe{TReport, TMetrics}"/> against its run folder: steps up to the total or
/// cancellation, progress with throughput, metrics lines at the recipe's log boundaries, atomic checkpoints (at its
/// cadence, at the end and on cancellation) with the loss plot redrawn beside them, periodic samples, and a stop on
/// divergence that leaves the last good checkpoint in place, and where the time went (<see cref="Times"/>, timing.json). Because each step is a pure function of (seed, step,
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

    /// <summary>Seconds spent opening the run before the next <see cref="Run"/> (data, networks, resume), for its <see cref="Times"/>.</summary>
    public double PrepareSeconds { get; set; }

    /// <summary>Where the last <see cref="Run"/> spent its time (null before the first); also written to the run's timing.json.</summary>
    public TrainingTimes? Times { get; private set; }

    /// <summary>Runs the remaining steps; see the class summary for how it ends.</summary>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = new PhaseClock(_recipe.DataSeconds);
        var result = RunSteps(clock, progress, cancellation);
        Times = clock.Read(_recipe.DataSeconds) with { PrepareSeconds = PrepareSeconds };
        AtomicFile.Write(_run.File(TrainingTimes.FileName), stream => JsonSerializer.Serialize(stream, Times, RunFolder.Json), flushToDisk: false);
        return result;
    }

    private TrainingResult RunSteps(PhaseClock clock, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var total = _recipe.TotalSteps;
        long? checkpointed = File.Exists(_run.LastCheckpointPath) ? Checkpoint.ReadHeader(_run.LastCheckpointPath).Step : null;
        var window = new List<TReport>();
        var (images, seconds) = (0, 0.0);
        while (Step < total && !cancellation.IsCancellationRequested)
        {
            CollectionSafePoints.Reached();
            var started = PhaseClock.Now();
            var report = _recipe.Step(Step);
            Step++;
            clock.AddStep(report.Images, started);
            window.Add(report);
            (images, seconds) = (images + report.Images, seconds + Stopwatch.GetElapsedTime(started).TotalSeconds);

            started = PhaseClock.Now();
            progress?.Report(new TrainingProgress(Step, total, _recipe.EpochOf(Step), report.Shown, seconds > 0 ? images / seconds : 0));
            var divergence = _recipe.CheckDivergence(report);
            clock.Add(LoopPhase.Progress, started);
            if (divergence is not null)
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
                started = PhaseClock.Now();
                _metrics.Append(_recipe.Summarise(new StepWindow<TReport>(window, Step, images, seconds)));
                window = [];
                (images, seconds) = (0, 0.0);
                clock.Add(LoopPhase.Metrics, started);
            }

            if (TrainingCadence.Hits(_cadence.SampleEvery, Step) || (end && _cadence.SampleEvery > 0))
            {
                started = PhaseClock.Now();
                _recipe.SaveSamples(_run, Step);
                clock.Add(LoopPhase.Samples, started);
            }

            var periodic = TrainingCadence.Hits(_cadence.CheckpointEvery, Step) || (log && _cadence.CheckpointAtLogs);
            if (end || (periodic && _recipe.MayCheckpoint))
            {
                checkpointed = SaveCheckpoint(clock);
            }
        }

        if (Step < total)
        {
            if (checkpointed != Step && _recipe.MayCheckpoint)
            {
                checkpointed = SaveCheckpoint(clock);
            }

            return new TrainingResult(TrainingOutcome.Interrupted, Step, checkpointed);
        }

        return new TrainingResult(TrainingOutcome.Completed, Step, checkpointed);
    }

    private long SaveCheckpoint(PhaseClock clock)
    {
        var started = PhaseClock.Now();
        Checkpoint.Save(_run.LastCheckpointPath, _recipe.Kind, Step, _run.Id, _recipe.Modules, _recipe.Optimizers);
        _recipe.DrawLosses(LossPlotPath, _metrics.ReadAll());
        clock.Add(LoopPhase.Checkpoints, started);
        return Step;
    }
}
