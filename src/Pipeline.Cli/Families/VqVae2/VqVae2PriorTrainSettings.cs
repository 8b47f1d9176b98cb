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

    public Option<int> Epochs { get; } = LoopOptions.Epochs(Defaults.Epochs, "passes over the training codes");

    public Option<long?> Steps { get; } = LoopOptions.MaxSteps();

    public Option<int> BatchSize { get; } = LoopOptions.BatchSize(Defaults.BatchSize);

    public Option<double> LearningRate { get; } = LoopOptions.LearningRate(Defaults.LearningRate);

    public Option<int> LogEvery { get; } = LoopOptions.LogEvery(Defaults.LogEverySteps, "steps per metrics.jsonl line with the test bits per code (0: every epoch)");

    public Option<int> CheckpointEvery { get; } = LoopOptions.CheckpointEvery(Defaults.CheckpointEverySteps, "also checkpoint every N steps (0: at metrics lines)");

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
