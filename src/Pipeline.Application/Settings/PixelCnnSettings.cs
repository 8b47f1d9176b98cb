using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>
/// What every PixelCNN training shares (over pixels, or VQ-VAE-2's priors over codes): the network's width and depth,
/// the epoch loop and --class-dropout, read into a shape and maximum-likelihood training options.
/// </summary>
public sealed class PixelCnnNetworkSettings
{
    private readonly RecordSettings<PixelCnnOptions> _shape;

    /// <param name="defaults">the width and depth that apply when not given; null: the preset's</param>
    /// <param name="levels">the softmax's size, e.g. "256" or "K"</param>
    /// <param name="logEvery">--log-every's description</param>
    /// <param name="epochs">--epochs' description</param>
    public PixelCnnNetworkSettings(PixelCnnOptions? defaults, string levels, string logEvery, string epochs = "passes over the training set")
    {
        _shape = new(defaults ?? PixelCnnOptions.Fashion28);
        All =
        [
            _shape.Override("--channels", o => o.Channels, $"p, feature maps of both stacks ({Given(defaults?.Channels)})"),
            _shape.Override("--layers", o => o.Layers, $"gated layers, the mask-A layer included ({Given(defaults?.Layers)})"),
            _shape.Override("--output-channels", o => o.OutputChannels, $"width of the 1x1 head before the {levels}-way softmax ({Given(defaults?.OutputChannels)})"),
            Loop.Epochs(o => o.Epochs, epochs), Loop.MaxSteps(o => o.MaxSteps), Loop.BatchSize(o => o.BatchSize), Loop.LearningRate(o => o.LearningRate),
            Loop.LogEvery(o => o.LogEverySteps, logEvery),
            Loop.CheckpointEvery(o => o.CheckpointEverySteps, "also checkpoint every N steps (0: at metrics lines)"),
            Loop.Set("--class-dropout", o => o.ClassDropout,
                "share of training grids trained without their class (0.1-0.2), so that sampling can use classifier-free guidance (--guidance); 0: class-conditional only"),
        ];
    }

    /// <summary>The settings, in the order --help lists them.</summary>
    public IReadOnlyList<Setting> All { get; }

    /// <summary>The training options' settings, for a family's further ones (e.g. --sample-every).</summary>
    public RecordSettings<PixelCnnTrainingOptions> Loop { get; } = new(new());

    /// <summary><paramref name="shape"/> with the width and depth given.</summary>
    public PixelCnnOptions Shape(ISettingValues v, PixelCnnOptions shape) => _shape.Apply(v, shape);

    /// <summary>The training options given.</summary>
    public PixelCnnTrainingOptions Training(ISettingValues v) => Loop.Apply(v) with { Seed = v.Get(RuntimeSettings.Seed) };

    private static string Given(int? value) => value is { } v ? $"default {v}" : "preset's by default";
}

/// <summary>The settings of <c>train pixelcnn</c>, read into a <see cref="PixelCnnRunConfig"/>, and of the verbs on its runs.</summary>
public static class PixelCnnSettings
{
    private static readonly Presets<PixelCnnOptions> Preset = new("fashion28", "fashion28 (p = 64, 8 layers, the default), fashion28-small (p = 32, 6 layers)",
        ("fashion28", PixelCnnOptions.Fashion28), ("fashion28-small", PixelCnnOptions.Fashion28Small));

    private static readonly Setting<bool> Unconditional = new("--unconditional", "no class conditioning (default: one learned bias per class and layer)");
    private static readonly PixelCnnNetworkSettings Network = new(null, "256", "steps per metrics.jsonl line with the test bits/dim (0: every epoch)");

    /// <summary>The settings of <c>train pixelcnn</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> Training { get; } =
    [
        .. DataSettings.All, Preset.Setting, Unconditional, .. Network.All,
        Network.Loop.SampleEvery(o => o.SampleEverySteps, "steps between one-per-class sample grids in images/ (0: none)"),
    ];

    /// <summary>The run configuration <paramref name="v"/> describe (grid size and class count still to be set from the data), checked.</summary>
    public static PixelCnnRunConfig Config(ISettingValues v)
    {
        var preset = Preset.Chosen(v);
        var data = DataSettings.ToSource(v, preset.Height, 1);   // image folders are read as grey: the pixel model has one channel
        var training = Network.Training(v);
        var model = Network.Shape(v, preset) with { ClassCount = v.Get(Unconditional) ? 0 : preset.ClassCount, UnconditionalLabel = training.ClassDropout > 0 };
        model.Validate();
        training.Validate();
        return new PixelCnnRunConfig(model, training, data, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }

    /// <summary>evaluate: --whole-test-set.</summary>
    public static Setting<bool> WholeTestSet { get; } = new("--whole-test-set", "PixelCNN: evaluate on the data's whole test set even when the run was trained with --test-limit");

    /// <summary>evaluate: --judge-samples.</summary>
    public static Setting<int> JudgeSamples { get; } = new("--judge-samples", "PixelCNN: samples (every class in turn) to judge with the project's classifier: requested class recognised, Fréchet distance (0: none)")
    {
        Default = 0, Rule = AtLeast(0),
    };
}
