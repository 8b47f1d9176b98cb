using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Models.Vae;
using Pipeline.Training.Runs;
using Pipeline.Training.Schedules;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Families.Vae;

/// <summary>The options of <c>train vae</c>, validated into a <see cref="VaeRunConfig"/> before any work starts.</summary>
internal sealed class VaeTrainSettings
{
    private static readonly Dictionary<string, VaeOptions> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lecture"] = VaeOptions.Lecture,
        ["manifold2d"] = VaeOptions.Manifold2D,
        ["conv28"] = VaeOptions.Convolutional28,
        ["conv-rgb64"] = VaeOptions.ConvolutionalRgb64,
    };

    public Option<string> Preset { get; } = OptionRules.Preset(Presets, "lecture", "lecture (784-400-20), manifold2d (2-D latent), conv28, conv-rgb64");

    public Option<VaeArchitecture?> Architecture { get; } = new("--architecture") { Description = "override the preset's network family" };

    public Option<int?> Latent { get; } = new("--latent") { Description = "latent size (preset's by default)" };

    public Option<int?> Hidden { get; } = new("--hidden") { Description = "hidden layer width (preset's by default)" };

    public Option<DecoderLikelihood?> Likelihood { get; } = new("--likelihood") { Description = "decoder likelihood (preset's by default)" };

    public Option<double?> Beta { get; } = new("--beta") { Description = "KL weight β (1: the true ELBO)" };

    public Option<int> Epochs { get; } = LoopOptions.Epochs(10);

    public Option<long?> Steps { get; } = LoopOptions.MaxSteps();

    public Option<int> BatchSize { get; } = LoopOptions.BatchSize(128);

    public Option<double> LearningRate { get; } = LoopOptions.LearningRate(1e-3);

    public Option<LearningRateShape> Schedule { get; } = new("--schedule") { DefaultValueFactory = _ => LearningRateShape.Constant };

    public Option<int> CheckpointEvery { get; } = LoopOptions.CheckpointEvery(0, "also checkpoint every N steps (0: at epoch ends)");

    public DataOptions Data { get; } = new();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. Data.All, Preset, Architecture, Latent, Hidden, Likelihood, Beta, Epochs, Steps, BatchSize, LearningRate, Schedule, CheckpointEvery];

    /// <summary>The run configuration the options describe; throws <see cref="CliError"/> on a bad combination.</summary>
    public VaeRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(Preset)!];

        var data = Data.ToSource(r, preset.ImageSize, preset.Channels);
        var model = preset with
        {
            Architecture = r.GetValue(Architecture) ?? preset.Architecture,
            LatentSize = r.GetValue(Latent) ?? preset.LatentSize,
            HiddenSize = r.GetValue(Hidden) ?? preset.HiddenSize,
            Likelihood = r.GetValue(Likelihood) ?? preset.Likelihood,
            Beta = r.GetValue(Beta) ?? preset.Beta,
            Channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1,
            ImageSize = data.ImageSize,
        };
        var training = new VaeTrainingOptions(
            Epochs: r.GetValue(Epochs),
            MaxSteps: r.GetValue(Steps),
            BatchSize: r.GetValue(BatchSize),
            LearningRate: r.GetValue(LearningRate),
            Schedule: r.GetValue(Schedule),
            Seed: seed,
            CheckpointEverySteps: r.GetValue(CheckpointEvery));
        CliError.Check(model.Validate, training.Validate);

        return new VaeRunConfig(model, training, data, device, threads);
    }
}
