using Pipeline.Data;
using Pipeline.Training.Translation;

namespace Pipeline.Application.Translation;

/// <summary>
/// The translators' part of <see cref="TrainingJob"/>: both domains' images, the judging classifier when the
/// super-resolution content loss compares its features, and <see cref="TranslationTrainingRecipe"/>.
/// </summary>
/// <param name="runPath">the run folder, beside which the judging classifier is cached by default</param>
/// <param name="device">where the judging classifier runs, the training device</param>
/// <param name="notes">told when the judging classifier is trained and how accurate it is</param>
public sealed class TranslationTrainingPlan(string runPath, Device device, IProgress<string>? notes = null)
    : ITrainingPlan<TranslationRunConfig, TranslationTrainingData, TranslationStepReport, TranslationStepMetrics>
{
    /// <inheritdoc />
    public string Kind => TranslationRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "translation";

    /// <inheritdoc />
    public string TrainedWith => "`train cyclegan`, `train pix2pix` or `train superres`";

    /// <inheritdoc />
    public TranslationRunConfig Prepare(TranslationRunConfig config) =>
        NeedsJudge(config) && config.ClassifierPath is null ? config with { ClassifierPath = TranslationOperations.DefaultClassifierFolder(runPath) } : config;

    /// <inheritdoc />
    public TranslationTrainingData Load(TranslationRunConfig config)
    {
        var train = config.Data.Load(DataSplit.Train);
        var test = config.Data.Load(DataSplit.Test);
        var judge = NeedsJudge(config) ? TranslationOperations.LoadClassifier(config.ClassifierPath!, device, config.Training.Seed, notes) : null;
        return new(train, test, judge);
    }

    /// <inheritdoc />
    public IEnumerable<string> Describe(TranslationRunConfig config, TranslationTrainingData data)
    {
        var (nameA, nameB) = config.DomainNames;
        yield return $"data: {config.Data.Describe()}: {data.Train.A.Count} {nameA} and {data.Train.B.Count} {nameB} training images, {data.Test.A.Count} test";
        yield return $"{config.Recipe}, {config.Training.Objective} adversarial loss, batch {config.Training.BatchSize}, Adam({config.Training.LearningRate}, β₁ {config.Training.Beta1}), "
            + $"{config.Training.Steps} steps (learning rate constant, then linearly to 0 over the second half)"
            + (config.Augmentation is { } a ? $", random {a.CropHeight}x{a.CropWidth} crops{(a.Flip ? " and flips" : "")}" : "");
    }

    /// <inheritdoc />
    public ITrainingRecipe<TranslationStepReport, TranslationStepMetrics> CreateRecipe(TranslationRunConfig config, TranslationTrainingData data, Device device) =>
        new TranslationTrainingRecipe(config, data.Train, data.Test, device, data.Judge?.Model);

    private static bool NeedsJudge(TranslationRunConfig config) => config.SuperResolution?.Content == ContentLoss.ClassifierFeatures;
}
