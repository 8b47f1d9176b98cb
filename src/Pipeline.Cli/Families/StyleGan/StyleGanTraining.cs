using Pipeline.Application.StyleGan;
using Pipeline.Models.StyleGan;
using Pipeline.Training.Runs;
using Pipeline.Training.StyleGan;

namespace Pipeline.Cli.Families.StyleGan;

/// <summary><c>train stylegan</c>: its options, validated into a <see cref="StyleGanRunConfig"/> before any work starts.</summary>
internal sealed class StyleGanTraining
{
    private static readonly StyleGanTrainingOptions Defaults = new();

    private readonly PresetOption<StyleGanOptions> _preset = new("fashion32",
        "fashion32 (Fashion-MNIST padded to 32x32, class-conditional; the default), rgb32, rgb64 (unconditional, for --image-folder)",
        ("fashion32", StyleGanOptions.Fashion32), ("rgb32", StyleGanOptions.Rgb32), ("rgb64", StyleGanOptions.Rgb64));
    private readonly Option<long> _steps = LoopOptions.Steps(Defaults.Steps, "steps (one D and one G update each)");
    private readonly Option<int> _batchSize = LoopOptions.BatchSize(Defaults.BatchSize);
    private readonly Option<double> _learningRate = LoopOptions.LearningRate(Defaults.GeneratorLearningRate, "Adam step size of G and D (before the lazy-regularisation adjustment)");
    private readonly Option<double> _r1Gamma = new("--r1-gamma") { Description = "γ of the R1 penalty on real images (0: off)", DefaultValueFactory = _ => Defaults.R1Gamma };
    private readonly Option<int> _r1Every = new Option<int>("--r1-every") { Description = "steps between lazy R1 updates", DefaultValueFactory = _ => Defaults.R1Interval }.AtLeast(1);
    private readonly Option<double> _pathLengthWeight = new("--pl-weight") { Description = "weight of the path-length penalty (0: off)", DefaultValueFactory = _ => Defaults.PathLengthWeight };
    private readonly Option<int> _pathLengthEvery = new Option<int>("--pl-every") { Description = "steps between lazy path-length updates (0: off)", DefaultValueFactory = _ => Defaults.PathLengthInterval }.AtLeast(0);
    private readonly Option<double> _mixing = new("--mixing") { Description = "probability of style mixing in G's batches", DefaultValueFactory = _ => Defaults.StyleMixingProbability };
    private readonly Option<double> _emaImages = new("--ema-images") { Description = "half-life of the moving average of G, in images (0: off)", DefaultValueFactory = _ => Defaults.EmaHalfLifeImages };
    private readonly Option<bool> _ada = new("--ada") { Description = "adaptive discriminator augmentation (x-flip and integer translation, p tuned towards r_t = --ada-target)" };
    private readonly Option<double> _adaTarget = new("--ada-target") { Description = "target of r_t = E[sign(D(x))] for --ada", DefaultValueFactory = _ => Defaults.AdaTarget };
    private readonly Option<bool> _unconditional = new("--unconditional") { Description = "fashion32: ignore the class labels" };
    private readonly Option<int?> _latent = new("--latent") { Description = "size of z and w (preset's by default)" };
    private readonly Option<int?> _mappingLayers = new("--mapping-layers") { Description = "layers of the mapping network (preset's by default)" };
    private readonly Option<int?> _maxWidth = new("--max-width") { Description = "channels at 4x4 and 8x8 (preset's by default)" };
    private readonly Option<int?> _minWidth = new("--min-width") { Description = "fewest channels at high resolutions (preset's by default)" };
    private readonly LoopCadence _cadence = LoopOptions.Cadence(Defaults.LogEverySteps, Defaults.SampleEverySteps, "steps between fixed-latent grids in images/", Defaults.CheckpointEverySteps);
    private readonly DataOptions _data = new();

    private IEnumerable<Option> All => [.. _data.All, _preset.Option, _steps, _batchSize, _learningRate, _r1Gamma, _r1Every, _pathLengthWeight, _pathLengthEvery, _mixing, _emaImages,
        _ada, _adaTarget, _unconditional, _latent, _mappingLayers, _maxWidth, _minWidth, .. _cadence.All];

    // The run configuration the options describe (class count still to be set from the data); throws CliError on a bad combination.
    private StyleGanRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = _preset.Chosen(r);
        var data = _data.ToSource(r, preset.ImageSize, preset.Channels);
        var latent = r.GetValue(_latent);
        var model = preset with
        {
            ImageSize = data.Kind == DataSourceKind.ImageFolder ? data.ImageSize : preset.ImageSize,
            Channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1,
            ClassCount = r.GetValue(_unconditional) ? 0 : preset.ClassCount,
            LatentSize = latent ?? preset.LatentSize,
            StyleSize = latent ?? preset.StyleSize,
            MappingLayers = r.GetValue(_mappingLayers) ?? preset.MappingLayers,
            MaxWidth = r.GetValue(_maxWidth) ?? preset.MaxWidth,
            MinWidth = r.GetValue(_minWidth) ?? preset.MinWidth,
        };
        var (logEvery, sampleEvery, checkpointEvery) = _cadence.Values(r);
        var rate = r.GetValue(_learningRate);
        var training = Defaults with
        {
            Steps = r.GetValue(_steps), BatchSize = r.GetValue(_batchSize), GeneratorLearningRate = rate, DiscriminatorLearningRate = rate,
            R1Gamma = r.GetValue(_r1Gamma), R1Interval = r.GetValue(_r1Every), PathLengthWeight = r.GetValue(_pathLengthWeight), PathLengthInterval = r.GetValue(_pathLengthEvery),
            StyleMixingProbability = r.GetValue(_mixing), EmaHalfLifeImages = r.GetValue(_emaImages), AdaptiveAugmentation = r.GetValue(_ada), AdaTarget = r.GetValue(_adaTarget),
            Seed = seed, LogEverySteps = logEvery, SampleEverySteps = sampleEvery, CheckpointEverySteps = checkpointEvery,
        };
        CliError.Check(model.Validate, training.Validate);
        return new StyleGanRunConfig(model, training, data, device, threads);
    }

    public static Command Create()
    {
        var settings = new StyleGanTraining();
        return TrainSubcommand.Create(
            "stylegan",
            "Train a StyleGAN2 (Karras et al. 2020) on Fashion-MNIST padded to 32x32, another IDX set or an image folder.",
            settings.All,
            context => settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads),
            _ => new StyleGanTrainingPlan(),
            "StyleGAN2",
            outputs: ("fixed-latent samples", "images"));
    }
}
