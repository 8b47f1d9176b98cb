using Pipeline.Application.Training;
using Pipeline.Application.Vae;
using Pipeline.Models.Vae;
using Pipeline.Training.Runs;
using Pipeline.Training.Schedules;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>train vae</c>: its options, validated into a <see cref="VaeRunConfig"/> before any work starts.</summary>
internal sealed class VaeTraining
{
    private readonly PresetOption<VaeOptions> _preset = new("lecture", "lecture (784-400-20), manifold2d (2-D latent), conv28, conv-rgb64",
        ("lecture", VaeOptions.Lecture), ("manifold2d", VaeOptions.Manifold2D), ("conv28", VaeOptions.Convolutional28), ("conv-rgb64", VaeOptions.ConvolutionalRgb64));
    private readonly Option<VaeArchitecture?> _architecture = new("--architecture") { Description = "override the preset's network family" };
    private readonly Option<int?> _latent = new("--latent") { Description = "latent size (preset's by default)" };
    private readonly Option<int?> _hidden = new("--hidden") { Description = "hidden layer width (preset's by default)" };
    private readonly Option<DecoderLikelihood?> _likelihood = new("--likelihood") { Description = "decoder likelihood (preset's by default)" };
    private readonly Option<double?> _beta = new("--beta") { Description = "KL weight β (1: the true ELBO)" };
    private readonly Option<int> _epochs = LoopOptions.Epochs(10);
    private readonly Option<long?> _steps = LoopOptions.MaxSteps();
    private readonly Option<int> _batchSize = LoopOptions.BatchSize(128);
    private readonly Option<double> _learningRate = LoopOptions.LearningRate(1e-3);
    private readonly Option<LearningRateShape> _schedule = new("--schedule") { DefaultValueFactory = _ => LearningRateShape.Constant };
    private readonly Option<int> _checkpointEvery = LoopOptions.CheckpointEvery(0, "also checkpoint every N steps (0: at epoch ends)");
    private readonly DataOptions _data = new();

    private IEnumerable<Option> All => [.. _data.All, _preset.Option, _architecture, _latent, _hidden, _likelihood, _beta, _epochs, _steps, _batchSize, _learningRate, _schedule, _checkpointEvery];

    // The run configuration the options describe; throws CliError on a bad combination.
    private VaeRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = _preset.Chosen(r);
        var data = _data.ToSource(r, preset.ImageSize, preset.Channels);
        var model = preset with
        {
            Architecture = r.GetValue(_architecture) ?? preset.Architecture,
            LatentSize = r.GetValue(_latent) ?? preset.LatentSize,
            HiddenSize = r.GetValue(_hidden) ?? preset.HiddenSize,
            Likelihood = r.GetValue(_likelihood) ?? preset.Likelihood,
            Beta = r.GetValue(_beta) ?? preset.Beta,
            Channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1,
            ImageSize = data.ImageSize,
        };
        var training = new VaeTrainingOptions(
            Epochs: r.GetValue(_epochs), MaxSteps: r.GetValue(_steps), BatchSize: r.GetValue(_batchSize), LearningRate: r.GetValue(_learningRate),
            Schedule: r.GetValue(_schedule), Seed: seed, CheckpointEverySteps: r.GetValue(_checkpointEvery));
        CliError.Check(model.Validate, training.Validate);
        return new VaeRunConfig(model, training, data, device, threads);
    }

    public static Command Create()
    {
        var settings = new VaeTraining();
        return TrainSubcommand.Create(
            "vae",
            "Train a variational autoencoder (Kingma and Welling 2014) on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            context => settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads),
            _ => VaeTrainingPlan.Instance,
            "VAE",
            Row);
    }

    /// <summary>Trains (or resumes) the VAE run in <paramref name="runPath"/> with the terminal's progress bar; returns the exit code.</summary>
    public static int Train(VerbContext context, VaeRunConfig config, string runPath, bool resume) =>
        TrainSubcommand.Train(context, VaeOperations.OpenTraining(new TrainingRequest<VaeRunConfig>(config, runPath, resume, context.Device)), "vae", "VAE", Row);

    private static (string Name, string Value) Row(VaeEpochMetrics m) =>
        ($"epoch {m.Epoch:F2}", $"train -ELBO {m.TrainNegElbo:F2}  test -ELBO {m.TestNegElbo:F2} (rec {m.TestReconstruction:F2} + KL {m.TestKl:F2})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s");
}
