using Pipeline.Models.ProGan;
using Pipeline.Training.ProGan;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of Progressive GAN training, read into a <see cref="ProGanRunConfig"/>, and of the verbs on its runs.</summary>
public static class ProGanSettings
{
    private static readonly Presets<ProGanOptions> Preset = new("fashion32", "fashion32 (Fashion-MNIST padded to 32x32 grey, the default), rgb32, rgb64 (image folders)",
        ("fashion32", ProGanOptions.ConditionalFashion32), ("rgb32", ProGanOptions.ConditionalRgb32), ("rgb64", ProGanOptions.ConditionalRgb64));

    private static readonly RecordSettings<ProGanOptions> Model = new(ProGanOptions.ConditionalFashion32);
    private static readonly RecordSettings<ProGanTrainingOptions> Loop = new(new());
    private static readonly Setting<int?> MaxWidth = new("--max-width", "channels at 4x4 and 8x8, halved per doubling beyond (preset's by default: 64)") { Rule = WhenGiven(AtLeast(1)) };
    private static readonly Setting<bool> Unconditional = new("--unconditional", "ignore the class labels (default: class-conditional)");

    /// <summary>The settings of <c>train progan</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> Training { get; } =
    [
        .. DataSettings.All, Preset.Setting,
        Loop.Set("--images-per-phase", o => o.ImagesPerPhase, "real images per growth phase (each transition and each stabilisation)", AtLeast(1L)),
        Loop.Override("--steps", o => o.Steps, "steps of the whole run (default: until the full size has stabilised once)", AtLeast(1L)),
        Loop.BatchSize(o => o.BatchSize, minimum: 2),
        Loop.LearningRate(o => o.LearningRate, "Adam step size of both networks"),
        Loop.Set("--beta2", o => o.Beta2, "Adam β₂ of both networks (β₁ is 0)", Within(0, 0.9999)),
        Loop.Set("--gp-weight", o => o.GradientPenaltyWeight, "λ of the WGAN-GP gradient penalty", AtLeast(0.0)),
        Loop.Set("--drift", o => o.DriftWeight, "ε of the drift term ε·E[D(x)²]", AtLeast(0.0)),
        Loop.Set("--ema-decay", o => o.EmaDecay, "decay of the moving average of G used for sampling and export (0: off)", Within(0, 0.99999)),
        Model.Override("--latent", o => o.LatentSize, "size of z (preset's by default)", AtLeast(1)),
        MaxWidth, Unconditional,
        .. Loop.Cadence(o => o.LogEverySteps, o => o.SampleEverySteps, "steps between fixed-noise grids in images/ (at the stage reached)", o => o.CheckpointEverySteps),
    ];

    /// <summary>The run configuration <paramref name="v"/> describe (class count still to be set from the data when conditional), checked.</summary>
    public static ProGanRunConfig Config(ISettingValues v)
    {
        var preset = Preset.Chosen(v);
        var data = DataSettings.ToSource(v, preset.ImageSize, preset.Channels);
        var maxWidth = v.Get(MaxWidth) ?? preset.MaxWidth;
        var model = Model.Apply(v, preset) with
        {
            ClassCount = v.Get(Unconditional) ? 0 : preset.ClassCount,
            MaxWidth = maxWidth,
            WidthBase = maxWidth * 8,    // the cap reached at 4×4 and 8×8, halved per doubling beyond
            MinWidth = Math.Min(preset.MinWidth, maxWidth),
            Channels = DataSettings.Channels(data),
            ImageSize = data.Kind == DataSourceKind.ImageFolder ? data.ImageSize : preset.ImageSize,
        };
        var training = Loop.Apply(v) with { Seed = v.Get(RuntimeSettings.Seed) };
        model.Validate();
        training.Validate();
        return new ProGanRunConfig(model, training, data, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }

    /// <summary>evaluate: --classifier.</summary>
    public static Setting<string?> Classifier { get; } = SampleSettings.JudgingClassifier("Progressive GAN: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)");

    /// <summary>--truncation of the verbs that draw latents.</summary>
    public static Setting<double?> Truncation { get; } = new("--truncation", "Progressive GAN: resample latent entries beyond this threshold (truncation trick)");

    /// <summary>evaluate: --count images to compare.</summary>
    public static Setting<int> EvaluationCount { get; } = new("--count", "Progressive GAN: images to generate and compare") { Default = 10000, Rule = AtLeast(2) };
}
