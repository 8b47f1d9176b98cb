using Pipeline.Training;

namespace Pipeline.Application.Training;

/// <summary>
/// A run opened (or created) and ready to train: what it is and where it starts, for whoever shows it, then
/// <see cref="Train"/>. Made by <see cref="TrainingJob.Open{TConfig, TData, TReport, TMetrics}"/>.
/// </summary>
/// <typeparam name="TConfig">The family's run configuration.</typeparam>
/// <typeparam name="TMetrics">The family's metrics line.</typeparam>
public abstract class TrainingSession<TConfig, TMetrics> : IDisposable
    where TConfig : class
    where TMetrics : IStepMetrics
{
    private protected TrainingSession(RunFolder run, TConfig config, bool resumed, IReadOnlyList<string> description)
    {
        Run = run;
        Config = config;
        Resumed = resumed;
        Description = description;
    }

    /// <summary>The run folder.</summary>
    public RunFolder Run { get; }

    /// <summary>The run's configuration as written to config.json.</summary>
    public TConfig Config { get; }

    /// <summary>True when the run continues from its last checkpoint.</summary>
    public bool Resumed { get; }

    /// <summary>The family's description of the data and the model.</summary>
    public IReadOnlyList<string> Description { get; }

    /// <summary>Seconds that opening the run took (loading the data, building the networks, resuming), counted into the first <see cref="Train"/>'s times.</summary>
    public double PrepareSeconds { get; internal set; }

    /// <summary>Steps completed (the checkpoint's step after a resume).</summary>
    public abstract long Step { get; }

    /// <summary>Steps of the whole run.</summary>
    public abstract long TotalSteps { get; }

    /// <summary>Runs the remaining steps; cancellation checkpoints and returns an interrupted result.</summary>
    public abstract TrainingReport<TMetrics> Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default);

    /// <summary>Disposes the recipe (its networks and optimisers) and the data when they are disposable.</summary>
    public void Dispose()
    {
        DisposeRecipe();
        GC.SuppressFinalize(this);
    }

    private protected abstract void DisposeRecipe();
}

/// <summary>The session over one recipe and its loop.</summary>
internal sealed class TrainingSession<TConfig, TReport, TMetrics>(
    RunFolder run, TConfig config, bool resumed, IReadOnlyList<string> description, ITrainingRecipe<TReport, TMetrics> recipe, object? data)
    : TrainingSession<TConfig, TMetrics>(run, config, resumed, description)
    where TConfig : class
    where TReport : IStepReport
    where TMetrics : IStepMetrics
{
    private readonly TrainingLoop<TReport, TMetrics> _loop = new(run, recipe);
    private bool _trained;

    public override long Step => _loop.Step;

    public override long TotalSteps => recipe.TotalSteps;

    public void Resume() => _loop.Resume();

    public override TrainingReport<TMetrics> Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        _loop.PrepareSeconds = _trained ? 0 : PrepareSeconds;
        _trained = true;
        var result = _loop.Run(progress, cancellation);
        return new TrainingReport<TMetrics>(Run, result, _loop.Metrics, _loop.LossPlotPath, _loop.Times!);
    }

    private protected override void DisposeRecipe()
    {
        (recipe as IDisposable)?.Dispose();
        (data as IDisposable)?.Dispose();
    }
}
