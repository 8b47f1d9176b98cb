using Pipeline.Application.Gans;
using Pipeline.Models.Gans;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>train gan</c> and <c>train cgan</c>: their options, validated into a <see cref="GanRunConfig"/> before any work starts.</summary>
internal sealed class GanTraining
{
    private static readonly GanTrainingOptions Defaults = new();

    private readonly PresetOption<GanOptions> _preset = new("fashion28", "fashion28 (28x28 grey, the default), rgb32, rgb64 (image folders, self-attention)",
        ("fashion28", GanOptions.ConditionalFashion28), ("rgb32", GanOptions.ConditionalRgb32), ("rgb64", GanOptions.ConditionalRgb64));
    private readonly Option<GanObjective> _objective = new("--objective") { Description = "Minimax, NonSaturating, Hinge, LeastSquares, WassersteinGradientPenalty", DefaultValueFactory = _ => Defaults.Objective };
    private readonly Option<long> _steps = LoopOptions.Steps(Defaults.Steps, "generator steps");
    private readonly Option<int> _batchSize = LoopOptions.BatchSize(Defaults.BatchSize);
    private readonly Option<double> _generatorLearningRate = new("--lr-g") { Description = "Adam step size of G", DefaultValueFactory = _ => Defaults.GeneratorLearningRate };
    private readonly Option<double> _discriminatorLearningRate = new("--lr-d") { Description = "Adam step size of D (TTUR: larger than G's)", DefaultValueFactory = _ => Defaults.DiscriminatorLearningRate };
    private readonly Option<double> _beta1 = new("--beta1") { Description = "Adam β₁ of both networks", DefaultValueFactory = _ => Defaults.Beta1 };
    private readonly Option<double> _beta2 = new("--beta2") { Description = "Adam β₂ of both networks", DefaultValueFactory = _ => Defaults.Beta2 };
    private readonly Option<int> _discriminatorSteps = new Option<int>("--d-steps") { Description = "D updates per G update", DefaultValueFactory = _ => Defaults.DiscriminatorSteps }.AtLeast(1);
    private readonly Option<double> _gradientPenalty = new("--gp-weight") { Description = "λ of the WGAN-GP gradient penalty", DefaultValueFactory = _ => Defaults.GradientPenaltyWeight };
    private readonly Option<double> _emaDecay = new("--ema-decay") { Description = "decay of the moving average of G used for sampling (0: off)", DefaultValueFactory = _ => Defaults.EmaDecay };
    private readonly Option<int?> _latent = new("--latent") { Description = "size of z (preset's by default)" };
    private readonly Option<int?> _generatorWidth = new("--g-width") { Description = "channels of G's last block (preset's by default)" };
    private readonly Option<int?> _discriminatorWidth = new("--d-width") { Description = "channels of D's first block (preset's by default)" };
    private readonly Option<int?> _attention = new("--attention") { Description = "feature-map size for a self-attention block in G and D, e.g. 14 (preset's by default; 0: none)" };
    private readonly Option<bool> _noSpectralNorm = new("--no-spectral-norm") { Description = "plain D layers instead of spectrally normalised ones" };
    private readonly Option<double?> _classLoss = new("--class-loss") { Description = "cgan: add an auxiliary class head to D with this loss weight (AC-GAN); 0 or absent: projection only" };
    private readonly Option<GanPrecision> _precision = new("--precision") { Description = "auto (bf16 where the CPU has AVX512-BF16 or AMX-BF16, else fp32), fp32, or bf16: mixed precision, a ~1.4x faster step on CPUs with bf16 instructions and ~18x slower on CPUs without (weights stay fp32)", DefaultValueFactory = _ => GanPrecision.Auto };
    private readonly Option<bool> _reuseFakes = new("--reuse-fakes") { Description = "G's step reuses the D step's generated images (one G forward per step instead of two)" };
    private readonly LoopCadence _cadence = LoopOptions.Cadence(Defaults.LogEverySteps, Defaults.SampleEverySteps, "steps between fixed-noise grids in images/", Defaults.CheckpointEverySteps);
    private readonly DataOptions _data = new();

    private IEnumerable<Option> All => [.. _data.All, _preset.Option, _objective, _steps, _batchSize, _generatorLearningRate, _discriminatorLearningRate, _beta1, _beta2, _discriminatorSteps, _gradientPenalty, _emaDecay, _latent, _generatorWidth, _discriminatorWidth, _attention, _noSpectralNorm, _classLoss, _precision, _reuseFakes, .. _cadence.All];

    // The run configuration the options describe (class count still to be set from the data for a conditional GAN);
    // throws CliError on a bad combination.
    private GanRunConfig ToConfig(ParseResult r, bool conditional, int seed, string device, int threads)
    {
        var preset = _preset.Chosen(r);
        if (!conditional && r.GetValue(_classLoss) is > 0)
        {
            throw new CliError("--class-loss needs class labels: use `train cgan`.");
        }

        var data = _data.ToSource(r, preset.ImageSize, preset.Channels);
        var attention = r.GetValue(_attention);
        var model = preset with
        {
            ClassCount = conditional ? preset.ClassCount : 0,
            LatentSize = r.GetValue(_latent) ?? preset.LatentSize,
            GeneratorWidth = r.GetValue(_generatorWidth) ?? preset.GeneratorWidth,
            DiscriminatorWidth = r.GetValue(_discriminatorWidth) ?? preset.DiscriminatorWidth,
            AttentionResolution = attention is null ? preset.AttentionResolution : attention == 0 ? null : attention,
            SpectralNorm = !r.GetValue(_noSpectralNorm),
            AuxiliaryClassifier = conditional && r.GetValue(_classLoss) is > 0,
            Channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1,
            ImageSize = data.ImageSize,
        };
        var (logEvery, sampleEvery, checkpointEvery) = _cadence.Values(r);
        var training = new GanTrainingOptions(
            Objective: r.GetValue(_objective), Steps: r.GetValue(_steps), BatchSize: r.GetValue(_batchSize),
            GeneratorLearningRate: r.GetValue(_generatorLearningRate), DiscriminatorLearningRate: r.GetValue(_discriminatorLearningRate), Beta1: r.GetValue(_beta1), Beta2: r.GetValue(_beta2),
            DiscriminatorSteps: r.GetValue(_discriminatorSteps), GradientPenaltyWeight: r.GetValue(_gradientPenalty), EmaDecay: r.GetValue(_emaDecay), ClassLossWeight: r.GetValue(_classLoss) ?? 0,
            Seed: seed, LogEverySteps: logEvery, SampleEverySteps: sampleEvery, CheckpointEverySteps: checkpointEvery, Precision: r.GetValue(_precision), ReuseFakes: r.GetValue(_reuseFakes));
        CliError.Check(model.Validate, training.Validate);
        return new GanRunConfig(model, training, data, device, threads);
    }

    public static Command Create(bool conditional)
    {
        var settings = new GanTraining();
        return TrainSubcommand.Create(
            conditional ? "cgan" : "gan",
            conditional
                ? "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."
                : "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            context => settings.ToConfig(context.Parse, conditional, context.Seed, context.DeviceName, context.Threads),
            _ => new GanTrainingPlan(Terminal.Warnings),
            "GAN",
            outputs: ("fixed-noise samples", "images"));
    }
}
