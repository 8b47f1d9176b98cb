using System.Globalization;
using Pipeline.Models.Vae;
using Pipeline.Training.Schedules;
using Pipeline.Training.Vae;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of VAE training, read into a <see cref="VaeRunConfig"/>, and of the verbs on its runs.</summary>
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

    /// <summary>sample: --temperature, the prior's scale.</summary>
    public static Setting<double> Temperature { get; } = new("--temperature", "VAE: τ, the prior's scale; below 1 gives cleaner, less varied images") { Default = 1.0, Rule = Positive };

    /// <summary>evaluate: --k importance samples per image.</summary>
    public static Setting<int> ImportanceSamples { get; } = new("--k", "VAE: importance samples per image") { Default = 100, Rule = AtLeast(1) };

    /// <summary>evaluate: --images for the importance-weighted estimate.</summary>
    public static Setting<int> ImportanceImages { get; } = new("--images", "VAE: test images for the importance-weighted estimate") { Default = 1000, Rule = AtLeast(1) };

    /// <summary>demo: --k importance samples for -log p(x).</summary>
    public static Setting<int> DemoImportanceSamples { get; } = new("--k", "VAE: importance samples for -log p(x)") { Default = 100, Rule = AtLeast(1) };

    /// <summary>traverse: --dims, the two latent dimensions to sweep.</summary>
    public static Setting<int[]> Dimensions { get; } = new("--dims", "the two latent dimensions to sweep (columns, rows)") { Default = [0, 1], Rule = Exactly<int>(2, "latent dimensions") };

    /// <summary>traverse: --steps, grid cells per axis.</summary>
    public static Setting<int> Steps { get; } = new("--steps", "grid cells per axis") { Default = 15, Rule = AtLeast(2) };

    /// <summary>traverse: --extent of a linear sweep.</summary>
    public static Setting<double> Extent { get; } = new("--extent", "sweep [-extent, extent] with --spacing linear") { Default = 3.0, Rule = Positive };

    /// <summary>traverse: --spacing.</summary>
    public static Setting<TraversalSpacing> Spacing { get; } = new("--spacing", "quantile (equal prior mass per cell, as in the AEVB paper) or linear") { Default = TraversalSpacing.Quantile };

    /// <summary>traverse: --anchor-image.</summary>
    public static Setting<int?> Anchor { get; } = new("--anchor-image", "hold the other dimensions at this test image's posterior mean (default: the prior mean 0)");

    /// <summary>edit: --shift DIM=AMOUNT.</summary>
    public static Setting<string[]> Shifts { get; } = new("--shift", "VAE: DIM=AMOUNT, e.g. --shift 0=+2 --shift 3=-1.5") { Required = true, Rule = EachParses(ParseShift) };

    /// <summary>edit: --images to edit.</summary>
    public static Setting<int> EditImages { get; } = new("--images", "test images to edit") { Default = 10, Rule = AtLeast(1) };

    /// <summary>--dims checked against a latent of <paramref name="latent"/> dimensions; returns the first (the columns').</summary>
    public static int Dimension(int latent, int[] axes) => axes.Any(a => a < 0 || a >= latent) || axes[0] == axes[1]
        ? throw new ArgumentException($"--dims must be two different dimensions in [0, {latent - 1}], got {axes[0]} {axes[1]}.")
        : axes[0];

    /// <summary>--shift values, checked against a latent of <paramref name="latent"/> dimensions.</summary>
    public static (int Dimension, double Amount)[] Edits(int latent, string[] shifts)
    {
        var edits = shifts.Select(ParseShift).ToArray();
        return edits.Where(e => e.Dimension >= latent).Select(e => (int?)e.Dimension).FirstOrDefault() is { } bad
            ? throw new ArgumentException($"--shift {bad}=...: the latent has dimensions 0..{latent - 1}.")
            : edits;
    }

    /// <summary>DIM=AMOUNT, e.g. 3=+1.5.</summary>
    public static (int Dimension, double Amount) ParseShift(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dimension) && dimension >= 0
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return (dimension, amount);
        }

        throw new FormatException($"--shift '{text}' is not DIM=AMOUNT (e.g. 3=+1.5).");
    }
}
