using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Models.Gans;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families.Gan;

/// <summary>The options of <c>train gan</c> and <c>train cgan</c>, validated into a <see cref="GanRunConfig"/> before any work starts.</summary>
internal sealed class GanTrainSettings
{
    private static readonly Dictionary<string, GanOptions> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fashion28"] = GanOptions.ConditionalFashion28,
        ["rgb32"] = GanOptions.ConditionalRgb32,
        ["rgb64"] = GanOptions.ConditionalRgb64,
    };

    private static readonly GanTrainingOptions Defaults = new();

    public Option<string> Preset { get; } = OptionRules.Preset(Presets, "fashion28", "fashion28 (28x28 grey, the default), rgb32, rgb64 (image folders, self-attention)");

    public Option<GanObjective> Objective { get; } = new("--objective") { Description = "Minimax, NonSaturating, Hinge, LeastSquares, WassersteinGradientPenalty", DefaultValueFactory = _ => Defaults.Objective };

    public Option<long> Steps { get; } = LoopOptions.Steps(Defaults.Steps, "generator steps");

    public Option<int> BatchSize { get; } = LoopOptions.BatchSize(Defaults.BatchSize);

    public Option<double> GeneratorLearningRate { get; } = new("--lr-g") { Description = "Adam step size of G", DefaultValueFactory = _ => Defaults.GeneratorLearningRate };

    public Option<double> DiscriminatorLearningRate { get; } = new("--lr-d") { Description = "Adam step size of D (TTUR: larger than G's)", DefaultValueFactory = _ => Defaults.DiscriminatorLearningRate };

    public Option<double> Beta1 { get; } = new("--beta1") { Description = "Adam β₁ of both networks", DefaultValueFactory = _ => Defaults.Beta1 };

    public Option<double> Beta2 { get; } = new("--beta2") { Description = "Adam β₂ of both networks", DefaultValueFactory = _ => Defaults.Beta2 };

    public Option<int> DiscriminatorSteps { get; } = new Option<int>("--d-steps") { Description = "D updates per G update", DefaultValueFactory = _ => Defaults.DiscriminatorSteps }.AtLeast(1);

    public Option<double> GradientPenalty { get; } = new("--gp-weight") { Description = "λ of the WGAN-GP gradient penalty", DefaultValueFactory = _ => Defaults.GradientPenaltyWeight };

    public Option<double> EmaDecay { get; } = new("--ema-decay") { Description = "decay of the moving average of G used for sampling (0: off)", DefaultValueFactory = _ => Defaults.EmaDecay };

    public Option<int?> Latent { get; } = new("--latent") { Description = "size of z (preset's by default)" };

    public Option<int?> GeneratorWidth { get; } = new("--g-width") { Description = "channels of G's last block (preset's by default)" };

    public Option<int?> DiscriminatorWidth { get; } = new("--d-width") { Description = "channels of D's first block (preset's by default)" };

    public Option<int?> Attention { get; } = new("--attention") { Description = "feature-map size for a self-attention block in G and D, e.g. 14 (preset's by default; 0: none)" };

    public Option<bool> NoSpectralNorm { get; } = new("--no-spectral-norm") { Description = "plain D layers instead of spectrally normalised ones" };

    public Option<double?> ClassLoss { get; } = new("--class-loss") { Description = "cgan: add an auxiliary class head to D with this loss weight (AC-GAN); 0 or absent: projection only" };

    public Option<GanPrecision> Precision { get; } = new("--precision") { Description = "auto (bf16 where the CPU has AVX512-BF16 or AMX-BF16, else fp32), fp32, or bf16: mixed precision, a ~1.4x faster step on CPUs with bf16 instructions and ~18x slower on CPUs without (weights stay fp32)", DefaultValueFactory = _ => GanPrecision.Auto };

    public Option<bool> ReuseFakes { get; } = new("--reuse-fakes") { Description = "G's step reuses the D step's generated images (one G forward per step instead of two)" };

    public Option<int> LogEvery { get; } = LoopOptions.LogEvery(Defaults.LogEverySteps, "steps per metrics.jsonl line", minimum: 1);

    public Option<int> SampleEvery { get; } = LoopOptions.SampleEvery(Defaults.SampleEverySteps, "steps between fixed-noise grids in images/", minimum: 1);

    public Option<int> CheckpointEvery { get; } = LoopOptions.CheckpointEvery(Defaults.CheckpointEverySteps, "steps between checkpoints", minimum: 1);

    public DataOptions Data { get; } = new();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. Data.All, Preset, Objective, Steps, BatchSize, GeneratorLearningRate, DiscriminatorLearningRate, Beta1, Beta2, DiscriminatorSteps, GradientPenalty, EmaDecay, Latent, GeneratorWidth, DiscriminatorWidth, Attention, NoSpectralNorm, ClassLoss, Precision, ReuseFakes, LogEvery, SampleEvery, CheckpointEvery];

    /// <summary>
    /// The run configuration the options describe (class count still to be set from the data for a conditional
    /// GAN); throws <see cref="CliError"/> on a bad combination.
    /// </summary>
    public GanRunConfig ToConfig(ParseResult r, bool conditional, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(Preset)!];

        if (!conditional && r.GetValue(ClassLoss) is > 0)
        {
            throw new CliError("--class-loss needs class labels: use `train cgan`.");
        }

        var data = Data.ToSource(r, preset.ImageSize, preset.Channels);
        var attention = r.GetValue(Attention);
        var model = preset with
        {
            ClassCount = conditional ? preset.ClassCount : 0,
            LatentSize = r.GetValue(Latent) ?? preset.LatentSize,
            GeneratorWidth = r.GetValue(GeneratorWidth) ?? preset.GeneratorWidth,
            DiscriminatorWidth = r.GetValue(DiscriminatorWidth) ?? preset.DiscriminatorWidth,
            AttentionResolution = attention is null ? preset.AttentionResolution : attention == 0 ? null : attention,
            SpectralNorm = !r.GetValue(NoSpectralNorm),
            AuxiliaryClassifier = conditional && r.GetValue(ClassLoss) is > 0,
            Channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1,
            ImageSize = data.ImageSize,
        };
        var training = new GanTrainingOptions(
            Objective: r.GetValue(Objective),
            Steps: r.GetValue(Steps),
            BatchSize: r.GetValue(BatchSize),
            GeneratorLearningRate: r.GetValue(GeneratorLearningRate),
            DiscriminatorLearningRate: r.GetValue(DiscriminatorLearningRate),
            Beta1: r.GetValue(Beta1),
            Beta2: r.GetValue(Beta2),
            DiscriminatorSteps: r.GetValue(DiscriminatorSteps),
            GradientPenaltyWeight: r.GetValue(GradientPenalty),
            EmaDecay: r.GetValue(EmaDecay),
            ClassLossWeight: r.GetValue(ClassLoss) ?? 0,
            Seed: seed,
            LogEverySteps: r.GetValue(LogEvery),
            SampleEverySteps: r.GetValue(SampleEvery),
            CheckpointEverySteps: r.GetValue(CheckpointEvery),
            Precision: r.GetValue(Precision),
            ReuseFakes: r.GetValue(ReuseFakes));
        CliError.Check(model.Validate, training.Validate);

        return new GanRunConfig(model, training, data, device, threads);
    }
}
