using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families;

/// <summary>
/// What every PixelCNN training command shares (over pixels, or VQ-VAE-2's priors over codes): the network's width and
/// depth, the epoch loop and --class-dropout, read into a shape and maximum-likelihood training options.
/// </summary>
/// <param name="defaults">the width and depth that apply when not given; null: the preset's</param>
/// <param name="levels">the softmax's size, e.g. "256" or "K"</param>
/// <param name="logEvery">--log-every's description</param>
/// <param name="epochs">--epochs' description</param>
internal sealed class PixelCnnNetworkOptions(PixelCnnOptions? defaults, string levels, string logEvery, string epochs = "passes over the training set")
{
    private static readonly PixelCnnTrainingOptions Defaults = new();

    public Option<int?> Channels { get; } = new("--channels") { Description = $"p, feature maps of both stacks ({Given(defaults?.Channels)})" };

    public Option<int?> Layers { get; } = new("--layers") { Description = $"gated layers, the mask-A layer included ({Given(defaults?.Layers)})" };

    public Option<int?> OutputChannels { get; } = new("--output-channels") { Description = $"width of the 1x1 head before the {levels}-way softmax ({Given(defaults?.OutputChannels)})" };

    public EpochLoopOptions Loop { get; } = new(Defaults.Epochs, Defaults.BatchSize, Defaults.LearningRate, logEvery, epochs);

    public Option<double> ClassDropout { get; } = new("--class-dropout")
    {
        Description = "share of training grids trained without their class (0.1-0.2), so that sampling can use classifier-free guidance (--guidance); 0: class-conditional only",
        DefaultValueFactory = _ => Defaults.ClassDropout,
    };

    public IEnumerable<Option> All => [Channels, Layers, OutputChannels, .. Loop.All, ClassDropout];

    /// <summary><paramref name="shape"/> with the width and depth given.</summary>
    public PixelCnnOptions Shape(ParseResult r, PixelCnnOptions shape) => shape with
    {
        Channels = r.GetValue(Channels) ?? shape.Channels,
        Layers = r.GetValue(Layers) ?? shape.Layers,
        OutputChannels = r.GetValue(OutputChannels) ?? shape.OutputChannels,
    };

    /// <summary>The training options given.</summary>
    public PixelCnnTrainingOptions Training(ParseResult r, int seed, int sampleEvery = 0)
    {
        var l = Loop.Read(r);
        return new(l.Epochs, l.MaxSteps, l.BatchSize, l.LearningRate, seed, l.LogEvery, l.CheckpointEvery, sampleEvery, r.GetValue(ClassDropout));
    }

    private static string Given(int? value) => value is { } v ? $"default {v}" : "preset's by default";
}
