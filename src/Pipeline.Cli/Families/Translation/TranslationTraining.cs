using Pipeline.Application.Training;
using Pipeline.Application.Translation;
using Pipeline.Training.Gans;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// <c>train cyclegan|pix2pix|superres</c>: data, the shared optimisation options and the recipe's own, validated into
/// a <see cref="TranslationRunConfig"/> before any work starts.
/// </summary>
internal sealed class TranslationTraining(TranslationRecipeKind recipe)
{
    private static readonly TranslationTrainingOptions Defaults = new();
    private readonly TranslationDataOptions _data = new(recipe);
    private readonly RecipeOptions _own = recipe switch
    {
        TranslationRecipeKind.CycleGan => new CycleGanSettings(),
        TranslationRecipeKind.Pix2Pix => new Pix2PixSettings(),
        _ => new SuperResolutionSettings(),
    };

    private readonly Option<long> _steps = LoopOptions.Steps(Defaults.Steps, "optimisation steps; the learning rate is constant for the first half, then decays linearly to 0");
    private readonly Option<int> _batchSize = LoopOptions.BatchSize(Defaults.BatchSize, "images of each domain per step (1 in the papers)");
    private readonly Option<double> _learningRate = LoopOptions.LearningRate(Defaults.LearningRate, "Adam's base step size for G and D");
    private readonly Option<double> _beta1 = new Option<double>("--beta1") { Description = "Adam's β₁", DefaultValueFactory = _ => Defaults.Beta1 }.Within(0, 0.999);
    private readonly Option<GanObjective> _objective = new Option<GanObjective>("--objective") { Description = "adversarial loss: LeastSquares (CycleGAN's), Hinge, NonSaturating, Minimax", DefaultValueFactory = _ => Defaults.Objective }
        .AcceptOnlyFromAmong(nameof(GanObjective.LeastSquares), nameof(GanObjective.Hinge), nameof(GanObjective.NonSaturating), nameof(GanObjective.Minimax));

    private readonly Option<int?> _generatorWidth = new Option<int?>("--g-width") { Description = "channels of G's first layer (64 published; 32 by default here)" }.AtLeastWhenGiven(1);
    private readonly Option<int?> _discriminatorWidth = new Option<int?>("--d-width") { Description = "channels of D's first layer (64 published; 32 by default here)" }.AtLeastWhenGiven(1);
    private readonly LoopCadence _cadence = LoopOptions.Cadence(
        TranslationRunConfig.DefaultLogEverySteps, TranslationRunConfig.DefaultSampleEverySteps, "steps between panels in images/", TranslationRunConfig.DefaultCheckpointEverySteps);

    private IEnumerable<Option> All =>
        [.. _data.All, _steps, _batchSize, _learningRate, _beta1, _objective, _generatorWidth, _discriminatorWidth, .. _own.All, .. _cadence.All];

    // The run configuration the options describe; a bad combination, which the data request and the config find
    // themselves (an app calling the application layer meets the same refusals), is a CliError here.
    private TranslationRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        TranslationRunConfig config = null!;
        CliError.Check(() => config = Build(r, seed, device, threads));
        return config;
    }

    private TranslationRunConfig Build(ParseResult r, int seed, string device, int threads)
    {
        var request = _data.ToRequest(r);
        var data = request.ToData(recipe, _own.Factor(r));
        var augmentation = request.ToAugmentation(recipe, data.ImageSize);
        var training = new TranslationTrainingOptions(r.GetValue(_steps), r.GetValue(_batchSize), r.GetValue(_learningRate), r.GetValue(_beta1), r.GetValue(_objective), seed);
        var (log, sample, checkpoint) = _cadence.Values(r);
        var config = new TranslationRunConfig(recipe, data, training, Augmentation: augmentation,
            LogEverySteps: log, SampleEverySteps: sample, CheckpointEverySteps: checkpoint, Device: device, Threads: threads);
        return _own.Apply(r, config, augmentation?.CropHeight ?? data.ImageSize, (r.GetValue(_generatorWidth), r.GetValue(_discriminatorWidth))).Validate();
    }

    public static Command Create(TranslationRecipeKind recipe)
    {
        var settings = new TranslationTraining(recipe);
        var name = TranslationOperations.Name(recipe);
        return TrainSubcommand.Create(
            name,
            recipe switch
            {
                TranslationRecipeKind.CycleGan => "Train CycleGAN (Zhu et al. 2017) on unpaired domains: CycleGAN's trainA/ trainB/ testA/ testB/ folders, or Fashion-MNIST sneaker ↔ ankle boot.",
                TranslationRecipeKind.Pix2Pix => "Train pix2pix (Isola et al. 2017) on pairs: A|B images, two folders matched by name, or Fashion-MNIST edges → item; --l1-only trains the L1 baseline.",
                _ => "Train a small SRGAN (Ledig et al. 2017) for 4x (7 → 28) or 2x (14 → 28) super-resolution of Fashion-MNIST.",
            },
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads);
                var session = TranslationOperations.OpenTraining(new TrainingRequest<TranslationRunConfig>(config, context.Path, resume, context.Device), Terminal.Notes);
                var code = TrainSubcommand.Train(context, session, name, name, outputs: ("panels", session.Run.File("images")));
                if (TranslationOperations.WritePageIfTrained(context.Path) is { } page)
                {
                    Terminal.Wrote("run page", page);
                }

                return code;
            });
    }
}
