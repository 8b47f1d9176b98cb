using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>The options of <c>train vqvae2-prior</c>: which run and level, the PixelCNN's size and its maximum-likelihood training.</summary>
internal sealed class VqVae2PriorTrainSettings
{
    private static readonly PixelCnnOptions Shape = PixelCnnOptions.CodePrior(2, 1, 1, 0);
    private static readonly PixelCnnTrainingOptions Defaults = new();

    public Option<string> Autoencoder { get; } = new("--autoencoder") { Description = "the trained VQ-VAE-2 run (`train vqvae2`); codes go to RUN/codes, the prior to RUN/priors/LEVEL", Required = true };

    public Option<string> Level { get; } = CreateLevel();

    public Option<int?> Channels { get; } = new("--channels") { Description = $"p, feature maps of both stacks (default {Shape.Channels})" };

    public Option<int?> Layers { get; } = new("--layers") { Description = $"gated layers, the mask-A layer included (default {Shape.Layers})" };

    public Option<int?> OutputChannels { get; } = new("--output-channels") { Description = $"width of the 1x1 head before the K-way softmax (default {Shape.OutputChannels})" };

    public Option<int> Epochs { get; } = new Option<int>("--epochs") { Description = "passes over the training codes", DefaultValueFactory = _ => Defaults.Epochs }.AtLeast(1);

    public Option<long?> Steps { get; } = new("--steps") { Description = "stop after N optimisation steps" };

    public Option<int> BatchSize { get; } = new Option<int>("--batch-size") { DefaultValueFactory = _ => Defaults.BatchSize }.AtLeast(1);

    public Option<double> LearningRate { get; } = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => Defaults.LearningRate }.Positive();

    public Option<int> LogEvery { get; } = new Option<int>("--log-every") { Description = "steps per metrics.jsonl line with the test bits per code (0: every epoch)", DefaultValueFactory = _ => Defaults.LogEverySteps }.AtLeast(0);

    public Option<int> CheckpointEvery { get; } = new Option<int>("--checkpoint-every") { Description = "also checkpoint every N steps (0: at metrics lines)", DefaultValueFactory = _ => Defaults.CheckpointEverySteps }.AtLeast(0);

    public Option<double> ClassDropout { get; } = ClassDropoutOption.Create();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [Autoencoder, Level, Channels, Layers, OutputChannels, Epochs, Steps, BatchSize, LearningRate, LogEvery, CheckpointEvery, ClassDropout];

    /// <summary>The prior's run folder, fixed by --autoencoder and --level.</summary>
    public string RunPath(ParseResult r) => VqVae2PriorRunConfig.FolderOf(r.GetValue(Autoencoder)!, r.GetValue(Level)!);

    /// <summary>The network's width and depth and the training options (grids and codebook come from the codes); throws <see cref="CliError"/> on a bad value.</summary>
    public (PixelCnnOptions Shape, PixelCnnTrainingOptions Training) ToOptions(ParseResult r, int seed)
    {
        var shape = Shape with
        {
            Channels = r.GetValue(Channels) ?? Shape.Channels,
            Layers = r.GetValue(Layers) ?? Shape.Layers,
            OutputChannels = r.GetValue(OutputChannels) ?? Shape.OutputChannels,
        };
        var training = new PixelCnnTrainingOptions(
            Epochs: r.GetValue(Epochs),
            MaxSteps: r.GetValue(Steps),
            BatchSize: r.GetValue(BatchSize),
            LearningRate: r.GetValue(LearningRate),
            Seed: seed,
            LogEverySteps: r.GetValue(LogEvery),
            CheckpointEverySteps: r.GetValue(CheckpointEvery),
            ClassDropout: r.GetValue(ClassDropout));
        CliError.Check(shape.Validate, training.Validate);
        return (shape, training);
    }

    private static Option<string> CreateLevel()
    {
        var option = new Option<string>("--level") { Description = "top (class-conditional prior over the top codes) or bottom (given the top codes and the class)", Required = true };
        option.AcceptOnlyFromAmong([.. VqVae2PriorLevel.All]);
        return option;
    }
}
