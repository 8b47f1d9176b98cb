using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary>The options of <c>train pixelcnn</c>, validated into a <see cref="PixelCnnRunConfig"/> before any work starts.</summary>
internal sealed class PixelCnnTrainSettings
{
    private static readonly Dictionary<string, PixelCnnOptions> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fashion28"] = PixelCnnOptions.Fashion28,
        ["fashion28-small"] = PixelCnnOptions.Fashion28Small,
    };

    private static readonly PixelCnnTrainingOptions Defaults = new();

    public Option<string> Preset { get; } = OptionRules.Preset(Presets, "fashion28", "fashion28 (p = 64, 8 layers, the default), fashion28-small (p = 32, 6 layers)");

    public Option<int?> Channels { get; } = new("--channels") { Description = "p, feature maps of both stacks (preset's by default)" };

    public Option<int?> Layers { get; } = new("--layers") { Description = "gated layers, the mask-A layer included (preset's by default)" };

    public Option<int?> OutputChannels { get; } = new("--output-channels") { Description = "width of the 1x1 head before the 256-way softmax (preset's by default)" };

    public Option<bool> Unconditional { get; } = new("--unconditional") { Description = "no class conditioning (default: one learned bias per class and layer)" };

    public Option<int> Epochs { get; } = LoopOptions.Epochs(Defaults.Epochs);

    public Option<long?> Steps { get; } = LoopOptions.MaxSteps();

    public Option<int> BatchSize { get; } = LoopOptions.BatchSize(Defaults.BatchSize);

    public Option<double> LearningRate { get; } = LoopOptions.LearningRate(Defaults.LearningRate);

    public Option<int> LogEvery { get; } = LoopOptions.LogEvery(Defaults.LogEverySteps, "steps per metrics.jsonl line with the test bits/dim (0: every epoch)");

    public Option<int> CheckpointEvery { get; } = LoopOptions.CheckpointEvery(Defaults.CheckpointEverySteps, "also checkpoint every N steps (0: at metrics lines)");

    public Option<int> SampleEvery { get; } = LoopOptions.SampleEvery(Defaults.SampleEverySteps, "steps between one-per-class sample grids in images/ (0: none)");

    public DataOptions Data { get; } = new();

    public Option<double> ClassDropout { get; } = ClassDropoutOption.Create();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. Data.All, Preset, Channels, Layers, OutputChannels, Unconditional, Epochs, Steps, BatchSize, LearningRate, LogEvery, CheckpointEvery, SampleEvery, ClassDropout];

    /// <summary>The run configuration the options describe (grid size and class count still to be set from the data); throws <see cref="CliError"/> on a bad combination.</summary>
    public PixelCnnRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(Preset)!];
        var data = Data.ToSource(r, preset.Height, 1);   // image folders are read as grey: the pixel model has one channel
        var model = preset with
        {
            Channels = r.GetValue(Channels) ?? preset.Channels,
            Layers = r.GetValue(Layers) ?? preset.Layers,
            OutputChannels = r.GetValue(OutputChannels) ?? preset.OutputChannels,
            ClassCount = r.GetValue(Unconditional) ? 0 : preset.ClassCount,
            UnconditionalLabel = r.GetValue(ClassDropout) > 0,
        };
        var training = new PixelCnnTrainingOptions(
            Epochs: r.GetValue(Epochs),
            MaxSteps: r.GetValue(Steps),
            BatchSize: r.GetValue(BatchSize),
            LearningRate: r.GetValue(LearningRate),
            Seed: seed,
            LogEverySteps: r.GetValue(LogEvery),
            CheckpointEverySteps: r.GetValue(CheckpointEvery),
            SampleEverySteps: r.GetValue(SampleEvery),
            ClassDropout: r.GetValue(ClassDropout));
        CliError.Check(model.Validate, training.Validate);
        return new PixelCnnRunConfig(model, training, data, device, threads);
    }
}
