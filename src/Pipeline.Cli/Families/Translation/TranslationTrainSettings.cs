using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Training.Gans;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// The options of <c>train cyclegan|pix2pix|superres</c>: data, the shared optimisation options and the recipe's own,
/// validated into a <see cref="TranslationRunConfig"/> before any work starts.
/// </summary>
internal sealed class TranslationTrainSettings
{
    private static readonly TranslationTrainingOptions Defaults = new();
    private readonly TranslationRecipeKind _recipe;
    private readonly RecipeOptions _own;

    public TranslationTrainSettings(TranslationRecipeKind recipe)
    {
        _recipe = recipe;
        Data = new TranslationDataOptions(recipe);
        _own = recipe switch
        {
            TranslationRecipeKind.CycleGan => new CycleGanSettings(),
            TranslationRecipeKind.Pix2Pix => new Pix2PixSettings(),
            _ => new SuperResolutionSettings(),
        };
        Objective.AcceptOnlyFromAmong(
            nameof(GanObjective.LeastSquares), nameof(GanObjective.Hinge), nameof(GanObjective.NonSaturating), nameof(GanObjective.Minimax));
    }

    public TranslationDataOptions Data { get; }

    public Option<long> Steps { get; } = LoopOptions.Steps(Defaults.Steps, "optimisation steps; the learning rate is constant for the first half, then decays linearly to 0");

    public Option<int> BatchSize { get; } = LoopOptions.BatchSize(Defaults.BatchSize, "images of each domain per step (1 in the papers)");

    public Option<double> LearningRate { get; } = LoopOptions.LearningRate(Defaults.LearningRate, "Adam's base step size for G and D");

    public Option<double> Beta1 { get; } = new Option<double>("--beta1") { Description = "Adam's β₁", DefaultValueFactory = _ => Defaults.Beta1 }.Within(0, 0.999);

    public Option<GanObjective> Objective { get; } = new("--objective") { Description = "adversarial loss: LeastSquares (CycleGAN's), Hinge, NonSaturating, Minimax", DefaultValueFactory = _ => Defaults.Objective };

    public Option<int?> GeneratorWidth { get; } = new Option<int?>("--g-width") { Description = "channels of G's first layer (64 published; 32 by default here)" }.AtLeastWhenGiven(1);

    public Option<int?> DiscriminatorWidth { get; } = new Option<int?>("--d-width") { Description = "channels of D's first layer (64 published; 32 by default here)" }.AtLeastWhenGiven(1);

    public Option<int> LogEvery { get; } = LoopOptions.LogEvery(TranslationRunConfig.DefaultLogEverySteps, "steps per metrics.jsonl line", minimum: 1);

    public Option<int> SampleEvery { get; } = LoopOptions.SampleEvery(TranslationRunConfig.DefaultSampleEverySteps, "steps between panels in images/", minimum: 1);

    public Option<int> CheckpointEvery { get; } = LoopOptions.CheckpointEvery(TranslationRunConfig.DefaultCheckpointEverySteps, "steps between checkpoints", minimum: 1);

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All =>
        [.. Data.All, Steps, BatchSize, LearningRate, Beta1, Objective, GeneratorWidth, DiscriminatorWidth, .. _own.All, LogEvery, SampleEvery, CheckpointEvery];

    /// <summary>The run configuration the options describe; throws <see cref="CliError"/> on a bad combination.</summary>
    public TranslationRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var data = Data.ToData(r, _own.Factor(r));
        var augmentation = Data.ToAugmentation(r, data.ImageSize);
        var training = new TranslationTrainingOptions(r.GetValue(Steps), r.GetValue(BatchSize), r.GetValue(LearningRate), r.GetValue(Beta1), r.GetValue(Objective), seed);
        var widths = (r.GetValue(GeneratorWidth), r.GetValue(DiscriminatorWidth));
        var config = new TranslationRunConfig(_recipe, data, training, Augmentation: augmentation,
            LogEverySteps: r.GetValue(LogEvery), SampleEverySteps: r.GetValue(SampleEvery), CheckpointEverySteps: r.GetValue(CheckpointEvery),
            Device: device, Threads: threads);
        config = _own.Apply(r, config, augmentation?.CropHeight ?? data.ImageSize, widths);
        CliError.Check(() => config.Validate());
        return config;
    }
}
