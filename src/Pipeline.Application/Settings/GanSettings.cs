using System.Globalization;
using Pipeline.Models.Gans;
using Pipeline.Training.Gans;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of GAN training (<c>train gan</c>, <c>train cgan</c>), read into a <see cref="GanRunConfig"/>, and of the verbs on its runs.</summary>
public static class GanSettings
{
    private static readonly Presets<GanOptions> Preset = new("fashion28", "fashion28 (28x28 grey, the default), rgb32, rgb64 (image folders, self-attention)",
        ("fashion28", GanOptions.ConditionalFashion28), ("rgb32", GanOptions.ConditionalRgb32), ("rgb64", GanOptions.ConditionalRgb64));

    private static readonly RecordSettings<GanOptions> Model = new(GanOptions.ConditionalFashion28);
    private static readonly RecordSettings<GanTrainingOptions> Loop = new(new(Precision: GanPrecision.Auto));
    private static readonly Setting<int?> Attention = new("--attention", "feature-map size for a self-attention block in G and D, e.g. 14 (preset's by default; 0: none)");
    private static readonly Setting<double?> ClassLoss = new("--class-loss", "cgan: add an auxiliary class head to D with this loss weight (AC-GAN); 0 or absent: projection only");

    /// <summary>The settings of <c>train gan</c> and <c>train cgan</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> Training { get; } =
    [
        .. DataSettings.All, Preset.Setting,
        Loop.Set("--objective", o => o.Objective, "Minimax, NonSaturating, Hinge, LeastSquares, WassersteinGradientPenalty"),
        Loop.Steps(o => o.Steps, "generator steps"), Loop.BatchSize(o => o.BatchSize),
        Loop.Set("--lr-g", o => o.GeneratorLearningRate, "Adam step size of G"),
        Loop.Set("--lr-d", o => o.DiscriminatorLearningRate, "Adam step size of D (TTUR: larger than G's)"),
        Loop.Set("--beta1", o => o.Beta1, "Adam β₁ of both networks"),
        Loop.Set("--beta2", o => o.Beta2, "Adam β₂ of both networks"),
        Loop.Set("--d-steps", o => o.DiscriminatorSteps, "D updates per G update", AtLeast(1)),
        Loop.Set("--gp-weight", o => o.GradientPenaltyWeight, "λ of the WGAN-GP gradient penalty"),
        Loop.Set("--ema-decay", o => o.EmaDecay, "decay of the moving average of G used for sampling (0: off)"),
        Model.Override("--latent", o => o.LatentSize, "size of z (preset's by default)"),
        Model.Override("--g-width", o => o.GeneratorWidth, "channels of G's last block (preset's by default)"),
        Model.Override("--d-width", o => o.DiscriminatorWidth, "channels of D's first block (preset's by default)"),
        Attention,
        Model.Flag("--no-spectral-norm", o => o.SpectralNorm, "plain D layers instead of spectrally normalised ones", negated: true),
        ClassLoss,
        Loop.Set("--precision", o => o.Precision, "auto (bf16 where the CPU has AVX512-BF16 or AMX-BF16, else fp32), fp32, or bf16: mixed precision, a ~1.4x faster step on CPUs with bf16 instructions and ~18x slower on CPUs without (weights stay fp32)"),
        Loop.Flag("--reuse-fakes", o => o.ReuseFakes, "G's step reuses the D step's generated images (one G forward per step instead of two)"),
        .. Loop.Cadence(o => o.LogEverySteps, o => o.SampleEverySteps, "steps between fixed-noise grids in images/", o => o.CheckpointEverySteps),
    ];

    /// <summary>
    /// The run configuration <paramref name="v"/> describe (a conditional GAN's class count still to be set from the
    /// data), checked (<see cref="ArgumentException"/> names what is wrong).
    /// </summary>
    public static GanRunConfig Config(ISettingValues v, bool conditional)
    {
        var preset = Preset.Chosen(v);
        var classLoss = v.Get(ClassLoss);
        if (!conditional && classLoss is > 0)
        {
            throw new ArgumentException("--class-loss needs class labels: use `train cgan`.");
        }

        var data = DataSettings.ToSource(v, preset.ImageSize, preset.Channels);
        var attention = v.Get(Attention);
        var model = Model.Apply(v, preset) with
        {
            ClassCount = conditional ? preset.ClassCount : 0,
            AttentionResolution = attention is null ? preset.AttentionResolution : attention == 0 ? null : attention,
            AuxiliaryClassifier = conditional && classLoss is > 0,
            Channels = DataSettings.Channels(data),
            ImageSize = data.ImageSize,
        };
        var training = Loop.Apply(v) with { ClassLossWeight = classLoss ?? 0, Seed = v.Get(RuntimeSettings.Seed) };
        model.Validate();
        training.Validate();
        return new GanRunConfig(model, training, data, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }

    /// <summary>--classifier of evaluate and arithmetic.</summary>
    public static Setting<string?> Classifier { get; } = SampleSettings.JudgingClassifier("GAN: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)");

    /// <summary>--truncation of the verbs that draw latents.</summary>
    public static Setting<double?> Truncation { get; } = new("--truncation", "GAN: resample latent entries beyond this threshold (truncation trick)");

    /// <summary>evaluate: --count images to compare.</summary>
    public static Setting<int> EvaluationCount { get; } = new("--count", "GAN: images to generate and compare") { Default = 10000, Rule = AtLeast(2) };

    /// <summary>interpolate: --steps images per walk.</summary>
    public static Setting<int> WalkSteps { get; } = new("--steps", "images per walk") { Default = 10, Rule = AtLeast(2) };

    /// <summary>interpolate: --slerp.</summary>
    public static Setting<bool> Spherical { get; } = new("--slerp", "spherical instead of linear interpolation");

    /// <summary>arithmetic: --triple A,B,C.</summary>
    public static Setting<string[]> Triples { get; } = new("--triple", "classes A,B,C, e.g. --triple 7,5,9 (sneaker - sandal + ankle boot)") { Default = ["7,5,9"], Rule = EachParses(ParseTriple) };

    /// <summary>arithmetic: --samples for the class means.</summary>
    public static Setting<int> MeanSamples { get; } = new("--samples", "latents drawn to estimate the class means") { Default = 2000, Rule = AtLeast(10) };

    /// <summary>neighbours: --count rows.</summary>
    public static Setting<int> NeighbourRows { get; } = new("--count", "generated images (rows)") { Default = 10, Rule = AtLeast(1) };

    /// <summary>neighbours: --k per image.</summary>
    public static Setting<int> Neighbours { get; } = new("--k", "neighbours per image") { Default = 5, Rule = AtLeast(1) };

    /// <summary>A,B,C: three class labels.</summary>
    public static (int A, int B, int C) ParseTriple(string text)
    {
        var parts = text.Split(',');
        var values = new int[3];
        if (parts.Length == 3 && parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) && values[i] >= 0).All(ok => ok))
        {
            return (values[0], values[1], values[2]);
        }

        throw new FormatException($"--triple '{text}' is not three class labels A,B,C (e.g. 7,5,9).");
    }
}
