using TorchSharp.Modules;

namespace Pipeline.Training.Loop;

/// <summary>
/// What makes one model family's training different from another's: its networks, its optimisers and one step.
/// Everything else (the step loop, resume, progress, checkpoints, metrics, divergence handling, loss plot) is
/// <see cref="TrainingLoop{TReport, TMetrics}"/>'s, written once for every family.
/// </summary>
/// <remarks>
/// A new family plugs in by writing a recipe and handing it to the loop:
/// <list type="number">
/// <item>Build the networks and optimisers in the constructor (seed libtorch first, so initial weights are fixed)
/// and list them under stable names in <see cref="Modules"/> and <see cref="Optimizers"/>: these are the
/// checkpoint's keys, and the loop restores them on resume.</item>
/// <item>Make <see cref="Step"/> a pure function of (seed, step, weights): seed libtorch from
/// <c>StepSeeds.For(seed, step)</c>, take the step's batch from <c>MiniBatchLoader.Batch(step)</c>, work inside
/// <c>torch.NewDisposeScope()</c>, and return plain numbers in a <typeparamref name="TReport"/>. Then a run killed
/// and resumed repeats the uninterrupted run bit for bit.</item>
/// <item>Say when to log, checkpoint and draw samples in <see cref="Cadence"/>, and turn a window of step reports
/// into one metrics.jsonl line in <see cref="Summarise"/> (evaluation on held-out data belongs there too).</item>
/// <item>Optionally report divergence (<see cref="CheckDivergence"/>), veto checkpoints of a doubtful state
/// (<see cref="MayCheckpoint"/>), write sample images (<see cref="SaveSamples"/>) and draw the loss plot
/// (<see cref="DrawLosses"/>).</item>
/// </list>
/// <example>
/// <code>
/// using var recipe = new VaeRecipe(config, train, test, device);
/// var loop = new TrainingLoop&lt;VaeStepReport, VaeEpochMetrics&gt;(run, recipe);
/// if (resume) { loop.Resume(); }
/// var result = loop.Run(progress, cancellation);
/// </code>
/// </example>
/// </remarks>
/// <typeparam name="TReport">What one step tells: the values to show and whatever its summary needs.</typeparam>
/// <typeparam name="TMetrics">One metrics.jsonl line.</typeparam>
public interface ITrainingRecipe<TReport, TMetrics>
    where TReport : IStepReport
    where TMetrics : IStepMetrics
{
    /// <summary>The run kind written into checkpoints; a checkpoint of another kind is refused on resume.</summary>
    string Kind { get; }

    /// <summary>Steps of the whole run.</summary>
    long TotalSteps { get; }

    /// <summary>Networks by checkpoint name, in checkpoint order.</summary>
    IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <summary>Optimiser states by checkpoint name, in checkpoint order.</summary>
    IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <summary>When metrics, checkpoints and samples are written.</summary>
    TrainingCadence Cadence { get; }

    /// <summary>Runs step <paramref name="step"/> (0-based: the steps already completed) and reports it.</summary>
    TReport Step(long step);

    /// <summary>Passes over the training data (fractional) after <paramref name="steps"/> steps.</summary>
    double EpochOf(long steps);

    /// <summary>One metrics line from the steps since the previous line.</summary>
    TMetrics Summarise(StepWindow<TReport> window);

    /// <summary>Whether the step just reported shows divergence; null while training is healthy.</summary>
    Divergence? CheckDivergence(TReport report) => null;

    /// <summary>False while the state is doubtful (e.g. D saturated), so that periodic checkpoints keep the last good one.</summary>
    bool MayCheckpoint => true;

    /// <summary>Writes periodic samples after <paramref name="steps"/> steps (see <see cref="TrainingCadence.SampleEvery"/>).</summary>
    void SaveSamples(RunFolder run, long steps)
    {
    }

    /// <summary>
    /// Seconds the steps so far have waited for their batches (e.g. <see cref="Batching.MiniBatchLoader.WaitSeconds"/>),
    /// shown in <see cref="TrainingTimes"/>; null for a recipe that does not count them.
    /// </summary>
    double? DataSeconds => null;

    /// <summary>Redraws the loss plot from every metrics line so far; called at each checkpoint.</summary>
    void DrawLosses(string path, IReadOnlyList<TMetrics> metrics)
    {
    }
}

/// <summary>What every step report offers the loop: its images (for throughput) and the values the progress bar shows.</summary>
public interface IStepReport
{
    /// <summary>Training images the step consumed.</summary>
    int Images { get; }

    /// <summary>Named values to show, e.g. loss, KL, D(x).</summary>
    IReadOnlyList<(string Name, double Value)> Shown { get; }
}
