using Pipeline.Models.Vae;
using Pipeline.Training.Schedules;
using Pipeline.Training.Vae;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of VAE training, read into a <see cref="VaeRunConfig"/>.</summary>
public static class VaeSettings
{
    private static readonly Presets<VaeOptions> Preset = new("lecture", "lecture (784-400-20), manifold2d (2-D latent), conv28, conv-rgb64",
        ("lecture", VaeOptions.Lecture), ("manifold2d", VaeOptions.Manifold2D), ("conv28", VaeOptions.Convolutional28), ("conv-rgb64", VaeOptions.ConvolutionalRgb64));

    private static readonly RecordSettings<VaeOptions> Model = new(VaeOptions.Lecture);
    private static readonly RecordSettings<VaeTrainingOptions> Loop = new(new());

    /// <summary>The settings of <c>train vae</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> Training { get; } =
    [
        .. DataSettings.All, Preset.Setting,
        Model.Override("--architecture", o => o.Architecture, "override the preset's network family"),
        Model.Override("--latent", o => o.LatentSize, "latent size (preset's by default)"),
        Model.Override("--hidden", o => o.HiddenSize, "hidden layer width (preset's by default)"),
        Model.Override("--likelihood", o => o.Likelihood, "decoder likelihood (preset's by default)"),
        Model.Override("--beta", o => o.Beta, "KL weight β (1: the true ELBO)"),
        Loop.Epochs(o => o.Epochs), Loop.MaxSteps(o => o.MaxSteps), Loop.BatchSize(o => o.BatchSize), Loop.LearningRate(o => o.LearningRate),
        Loop.Set<LearningRateShape>("--schedule", o => o.Schedule, null),
        Loop.CheckpointEvery(o => o.CheckpointEverySteps, "also checkpoint every N steps (0: at epoch ends)"),
    ];

    /// <summary>The run configuration <paramref name="v"/> describe, checked (<see cref="ArgumentException"/> names what is wrong).</summary>
    public static VaeRunConfig Config(ISettingValues v)
    {
        var preset = Preset.Chosen(v);
        var data = DataSettings.ToSource(v, preset.ImageSize, preset.Channels);
        var model = Model.Apply(v, preset) with { Channels = DataSettings.Channels(data), ImageSize = data.ImageSize };
        var training = Loop.Apply(v) with { Seed = v.Get(RuntimeSettings.Seed) };
        model.Validate();
        training.Validate();
        return new VaeRunConfig(model, training, data, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }
}
