using Pipeline.Models.StyleGan;
using Pipeline.Training.StyleGan;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of StyleGAN2 training, read into a <see cref="StyleGanRunConfig"/>, and of the verbs on its runs.</summary>
public static class StyleGanSettings
{
    private static readonly Presets<StyleGanOptions> Preset = new("fashion32",
        "fashion32 (Fashion-MNIST padded to 32x32, class-conditional; the default), rgb32, rgb64 (unconditional, for --image-folder)",
        ("fashion32", StyleGanOptions.Fashion32), ("rgb32", StyleGanOptions.Rgb32), ("rgb64", StyleGanOptions.Rgb64));

    private static readonly RecordSettings<StyleGanOptions> Model = new(StyleGanOptions.Fashion32);
    private static readonly RecordSettings<StyleGanTrainingOptions> Loop = new(new());
    private static readonly Setting<double> LearningRate = new("--lr", "Adam step size of G and D (before the lazy-regularisation adjustment)") { Default = Loop.Defaults.GeneratorLearningRate, Rule = Positive };
    private static readonly Setting<bool> Unconditional = new("--unconditional", "fashion32: ignore the class labels");
    private static readonly Setting<int?> Latent = new("--latent", "size of z and w (preset's by default)");

    /// <summary>The settings of <c>train stylegan</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> Training { get; } =
    [
        .. DataSettings.All, Preset.Setting,
        Loop.Steps(o => o.Steps, "steps (one D and one G update each)"), Loop.BatchSize(o => o.BatchSize), LearningRate,
        Loop.Set("--r1-gamma", o => o.R1Gamma, "γ of the R1 penalty on real images (0: off)"),
        Loop.Set("--r1-every", o => o.R1Interval, "steps between lazy R1 updates", AtLeast(1)),
        Loop.Set("--pl-weight", o => o.PathLengthWeight, "weight of the path-length penalty (0: off)"),
        Loop.Set("--pl-every", o => o.PathLengthInterval, "steps between lazy path-length updates (0: off)", AtLeast(0)),
        Loop.Set("--mixing", o => o.StyleMixingProbability, "probability of style mixing in G's batches"),
        Loop.Set("--ema-images", o => o.EmaHalfLifeImages, "half-life of the moving average of G, in images (0: off)"),
        Loop.Flag("--ada", o => o.AdaptiveAugmentation, "adaptive discriminator augmentation (x-flip and integer translation, p tuned towards r_t = --ada-target)"),
        Loop.Set("--ada-target", o => o.AdaTarget, "target of r_t = E[sign(D(x))] for --ada"),
        Unconditional, Latent,
        Model.Override("--mapping-layers", o => o.MappingLayers, "layers of the mapping network (preset's by default)"),
        Model.Override("--max-width", o => o.MaxWidth, "channels at 4x4 and 8x8 (preset's by default)"),
        Model.Override("--min-width", o => o.MinWidth, "fewest channels at high resolutions (preset's by default)"),
        .. Loop.Cadence(o => o.LogEverySteps, o => o.SampleEverySteps, "steps between fixed-latent grids in images/", o => o.CheckpointEverySteps),
    ];

    /// <summary>The run configuration <paramref name="v"/> describe (class count still to be set from the data), checked.</summary>
    public static StyleGanRunConfig Config(ISettingValues v)
    {
        var preset = Preset.Chosen(v);
        var data = DataSettings.ToSource(v, preset.ImageSize, preset.Channels);
        var latent = v.Get(Latent);
        var model = Model.Apply(v, preset) with
        {
            ImageSize = data.Kind == DataSourceKind.ImageFolder ? data.ImageSize : preset.ImageSize,
            Channels = DataSettings.Channels(data),
            ClassCount = v.Get(Unconditional) ? 0 : preset.ClassCount,
            LatentSize = latent ?? preset.LatentSize,
            StyleSize = latent ?? preset.StyleSize,
        };
        var rate = v.Get(LearningRate);
        var training = Loop.Apply(v) with { GeneratorLearningRate = rate, DiscriminatorLearningRate = rate, Seed = v.Get(RuntimeSettings.Seed) };
        model.Validate();
        training.Validate();
        return new StyleGanRunConfig(model, training, data, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }

    /// <summary>--truncation: ψ of the truncation trick in W; the same name and type as the GAN's threshold.</summary>
    public static Setting<double?> Truncation { get; } = new("--truncation", "stylegan: ψ in [-1, 1], w pulled towards the (class) mean w̄ (1: none)");

    /// <summary>ψ from --truncation (1 when absent), refused by name when out of range.</summary>
    public static double Psi(ISettingValues v)
    {
        var psi = v.Get(Truncation) ?? 1.0;
        return StyleGenerator.IsTruncation(psi)
            ? psi
            : throw new ArgumentException($"--truncation must be ψ in [-1, 1] for a StyleGAN (1: none, 0: the mean w), got {psi.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    /// <summary>sample: --truncation-sweep.</summary>
    public static Setting<bool> TruncationSweep { get; } = new("--truncation-sweep", "stylegan: instead of samples, --count rows of one latent each at ψ = 1, 0.7, 0.5, 0.2, 0 across");

    /// <summary>evaluate: --classifier.</summary>
    public static Setting<string?> Classifier { get; } = SampleSettings.JudgingClassifier();

    /// <summary>evaluate: --count images to compare.</summary>
    public static Setting<int> EvaluationCount { get; } = new("--count", "images to generate and compare") { Default = 10000, Rule = AtLeast(2) };

    /// <summary>interpolate: --steps images per walk.</summary>
    public static Setting<int> WalkSteps { get; } = new("--steps", "images per walk") { Default = 10, Rule = AtLeast(2) };

    /// <summary>interpolate: --rows walks.</summary>
    public static Setting<int> WalkRows { get; } = new("--rows", "stylegan: walks (rows), classes in turn for a conditional model") { Default = 8, Rule = AtLeast(1) };

    /// <summary>mix: --sources-across.</summary>
    public static Setting<int> SourcesAcross { get; } = new("--sources-across", "sources A (columns)") { Default = 5, Rule = AtLeast(1) };

    /// <summary>mix: --sources-down.</summary>
    public static Setting<int> SourcesDown { get; } = new("--sources-down", "sources B per band (rows per coarse, middle, fine)") { Default = 2, Rule = AtLeast(1) };
}
