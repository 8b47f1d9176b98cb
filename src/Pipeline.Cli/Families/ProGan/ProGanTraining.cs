using Pipeline.Application.ProGan;
using Pipeline.Models.ProGan;
using Pipeline.Training.ProGan;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families.ProGan;

/// <summary><c>train progan</c>: its options, validated into a <see cref="ProGanRunConfig"/> before any work starts.</summary>
internal sealed class ProGanTraining
{
    private static readonly ProGanTrainingOptions Defaults = new();

    private readonly PresetOption<ProGanOptions> _preset = new("fashion32", "fashion32 (Fashion-MNIST padded to 32x32 grey, the default), rgb32, rgb64 (image folders)",
        ("fashion32", ProGanOptions.ConditionalFashion32), ("rgb32", ProGanOptions.ConditionalRgb32), ("rgb64", ProGanOptions.ConditionalRgb64));
    private readonly Option<long> _imagesPerPhase = new Option<long>("--images-per-phase") { Description = "real images per growth phase (each transition and each stabilisation)", DefaultValueFactory = _ => Defaults.ImagesPerPhase }.AtLeast(1);
    private readonly Option<long?> _steps = new Option<long?>("--steps") { Description = "steps of the whole run (default: until the full size has stabilised once)" }.AtLeastWhenGiven(1);
    private readonly Option<int> _batchSize = LoopOptions.BatchSize(Defaults.BatchSize).AtLeast(2);
    private readonly Option<double> _learningRate = LoopOptions.LearningRate(Defaults.LearningRate, "Adam step size of both networks");
    private readonly Option<double> _beta2 = new Option<double>("--beta2") { Description = "Adam β₂ of both networks (β₁ is 0)", DefaultValueFactory = _ => Defaults.Beta2 }.Within(0, 0.9999);
    private readonly Option<double> _gradientPenalty = new Option<double>("--gp-weight") { Description = "λ of the WGAN-GP gradient penalty", DefaultValueFactory = _ => Defaults.GradientPenaltyWeight }.AtLeast(0);
    private readonly Option<double> _drift = new Option<double>("--drift") { Description = "ε of the drift term ε·E[D(x)²]", DefaultValueFactory = _ => Defaults.DriftWeight }.AtLeast(0);
    private readonly Option<double> _emaDecay = new Option<double>("--ema-decay") { Description = "decay of the moving average of G used for sampling and export (0: off)", DefaultValueFactory = _ => Defaults.EmaDecay }.Within(0, 0.99999);
    private readonly Option<int?> _latent = new Option<int?>("--latent") { Description = "size of z (preset's by default)" }.AtLeastWhenGiven(1);
    private readonly Option<int?> _maxWidth = new Option<int?>("--max-width") { Description = "channels at 4x4 and 8x8, halved per doubling beyond (preset's by default: 64)" }.AtLeastWhenGiven(1);
    private readonly Option<bool> _unconditional = new("--unconditional") { Description = "ignore the class labels (default: class-conditional)" };
    private readonly LoopCadence _cadence = LoopOptions.Cadence(Defaults.LogEverySteps, Defaults.SampleEverySteps, "steps between fixed-noise grids in images/ (at the stage reached)", Defaults.CheckpointEverySteps);
    private readonly DataOptions _data = new();

    private IEnumerable<Option> All => [.. _data.All, _preset.Option, _imagesPerPhase, _steps, _batchSize, _learningRate, _beta2, _gradientPenalty, _drift, _emaDecay, _latent, _maxWidth, _unconditional, .. _cadence.All];

    // The run configuration the options describe (class count still to be set from the data when conditional).
    private ProGanRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = _preset.Chosen(r);
        var data = _data.ToSource(r, preset.ImageSize, preset.Channels);
        var maxWidth = r.GetValue(_maxWidth) ?? preset.MaxWidth;
        var model = preset with
        {
            ClassCount = r.GetValue(_unconditional) ? 0 : preset.ClassCount,
            LatentSize = r.GetValue(_latent) ?? preset.LatentSize,
            MaxWidth = maxWidth,
            WidthBase = maxWidth * 8,    // the cap reached at 4×4 and 8×8, halved per doubling beyond
            MinWidth = Math.Min(preset.MinWidth, maxWidth),
            Channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1,
            ImageSize = data.Kind == DataSourceKind.ImageFolder ? data.ImageSize : preset.ImageSize,
        };
        var (logEvery, sampleEvery, checkpointEvery) = _cadence.Values(r);
        var training = new ProGanTrainingOptions(
            ImagesPerPhase: r.GetValue(_imagesPerPhase), Steps: r.GetValue(_steps) ?? 0, BatchSize: r.GetValue(_batchSize), LearningRate: r.GetValue(_learningRate),
            Beta2: r.GetValue(_beta2), GradientPenaltyWeight: r.GetValue(_gradientPenalty), DriftWeight: r.GetValue(_drift), EmaDecay: r.GetValue(_emaDecay),
            Seed: seed, LogEverySteps: logEvery, SampleEverySteps: sampleEvery, CheckpointEverySteps: checkpointEvery);
        CliError.Check(model.Validate, training.Validate);
        return new ProGanRunConfig(model, training, data, device, threads);
    }

    public static Command Create()
    {
        var settings = new ProGanTraining();
        return TrainSubcommand.Create(
            "progan",
            "Train a Progressive GAN (growing 4x4 → full size with fade-in; class-conditional by default) on Fashion-MNIST padded to 32x32, another IDX set or an image folder.",
            settings.All,
            context => settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads),
            _ => new ProGanTrainingPlan(),
            "Progressive GAN",
            outputs: ("fixed-noise samples at each stage", "images"));
    }
}
