namespace Pipeline.Application.Training;

/// <summary>
/// What one model family adds to the shared <see cref="TrainingJob"/>: its run kind, how it loads its data, how a new
/// run's config is fitted to them, and its recipe. Opening or creating the run, checking its kind, resuming,
/// checkpoints and the result are the job's, written once for every family.
/// </summary>
/// <typeparam name="TConfig">The family's run configuration (config.json).</typeparam>
/// <typeparam name="TData">What its recipe trains on, e.g. a train/test pair of image sets.</typeparam>
/// <typeparam name="TReport">Its step report.</typeparam>
/// <typeparam name="TMetrics">Its metrics.jsonl line.</typeparam>
public interface ITrainingPlan<TConfig, TData, TReport, TMetrics>
    where TConfig : class
    where TReport : IStepReport
    where TMetrics : IStepMetrics
{
    /// <summary>The run kind written to config.json; a resume of a run of another kind is refused.</summary>
    string Kind { get; }

    /// <summary>The family's name in messages, e.g. "VAE".</summary>
    string Name { get; }

    /// <summary>How such a run is made, for the refusal of a run of another kind, e.g. "`train vae`".</summary>
    string TrainedWith { get; }

    /// <summary>The config (new or read from a resumed run) made ready for this host, e.g. a precision the CPU lacks replaced.</summary>
    TConfig Prepare(TConfig config) => config;

    /// <summary>Loads the training data the config names (before a new run folder is made).</summary>
    TData Load(TConfig config);

    /// <summary>A new run's config completed from its data (image size, class count); resumed runs keep theirs.</summary>
    TConfig Fit(TConfig config, TData data) => config;

    /// <summary>Lines that describe the data and the model, for whoever shows the start of training.</summary>
    IEnumerable<string> Describe(TConfig config, TData data);

    /// <summary>The recipe that trains <paramref name="config"/> on <paramref name="data"/>; disposed after training when disposable.</summary>
    ITrainingRecipe<TReport, TMetrics> CreateRecipe(TConfig config, TData data, Device device);
}
