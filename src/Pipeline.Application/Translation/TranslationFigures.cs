using System.Globalization;
using Pipeline.Training.Translation;

namespace Pipeline.Application.Translation;

/// <summary>A run's evaluation and options as named rows, shared by the terminal summary, the run page and the model card.</summary>
public static class TranslationFigures
{
    /// <summary>The evaluation's figures, each next to its baseline.</summary>
    public static IReadOnlyList<(string Name, string Value)> Rows(TranslationRunConfig config, TranslationEvaluationResult e)
    {
        var rows = new List<(string, string)>();
        var (a, b) = config.DomainNames;
        if (e.Quality is { } q)
        {
            rows.Add(("PSNR (dB) / SSIM / L1 of the translator", Quality(q)));
            rows.Add(e.Baseline is { } baseline
                ? ($"  {e.BaselineName}", Quality(baseline))
                : ("  baseline", "none given (`evaluate --baseline L1_ONLY_RUN`)"));
        }

        if (e.FrechetDistance is { } fd)
        {
            rows.Add(("Fréchet distance to the real items in the classifier's features (translator / baseline / real training items)",
                $"{F(fd, 2)} / {(e.BaselineFrechetDistance is { } baseFd ? F(baseFd, 2) : "–")} / {F(e.RealFrechetDistance ?? double.NaN, 2)}"));
        }

        if (e.CycleL1A is { } cycleA)
        {
            rows.Add(($"cycle L1 {a} → {b} → {a} / {b} → {a} → {b}", $"{F(cycleA, 4)} / {F(e.CycleL1B ?? double.NaN, 4)}"));
            if (e.FrechetDistanceAToB is { } toB)
            {
                rows.Add(($"Fréchet distance to real test images of the target class, {a} → {b} / {b} → {a} (classifier features; real train vs test)",
                    $"{F(toB, 2)} / {F(e.FrechetDistanceBToA ?? double.NaN, 2)} ({F(e.RealFrechetDistanceB ?? double.NaN, 2)} / {F(e.RealFrechetDistanceA ?? double.NaN, 2)})"));
            }
        }

        if (e.TargetShareAToB is { } shareA)
        {
            rows.Add(($"classified as {b}: translated {a} images (untranslated)", $"{shareA:P1} ({e.UntranslatedShareA:P1})"));
            rows.Add(($"classified as {a}: translated {b} images (untranslated)", $"{e.TargetShareBToA:P1} ({e.UntranslatedShareB:P1})"));
            rows.Add(("  the classifier on its own test set", $"{e.ClassifierTestAccuracy:P1}"));
        }

        rows.Add(("translation speed (TorchSharp)", $"{e.ImagesPerSecond:F0} images/s"));
        return rows;
    }

    /// <summary>The options a reader needs to reproduce the run.</summary>
    public static IReadOnlyList<(string Name, string Value)> Options(TranslationRunConfig c)
    {
        var t = c.Training;
        var rows = new List<(string, string)>
        {
            ("recipe", c.Recipe.ToString()),
            ("data", c.Data.Describe()),
            ("steps × batch", $"{t.Steps} × {t.BatchSize}"),
            ("Adam (lr, β₁); schedule", $"{N(t.LearningRate)}, {N(t.Beta1)}; constant, then linear to 0"),
            ("adversarial loss", t.Objective.ToString()),
            ("seed", N(t.Seed)),
        };
        if (c.Augmentation is { } aug)
        {
            rows.Add(("augmentation", $"random {aug.CropHeight}x{aug.CropWidth} crops{(aug.Flip ? ", flips" : "")}"));
        }

        if (c.CycleGan is { } g)
        {
            rows.Add(("CycleGAN λ (cycle), identity, pool", $"{N(g.CycleWeight)}, {N(g.IdentityWeight)}λ, {g.PoolSize}"));
            rows.Add(("widths G / D", $"{g.GeneratorWidth} / {g.DiscriminatorWidth}"));
        }

        if (c.Pix2Pix is { } p)
        {
            rows.Add(("pix2pix λ (L1), dropout", $"{N(p.L1Weight)}, {N(p.Dropout)}{(p.Adversarial ? "" : ", L1 only (no D)")}"));
            rows.Add(("U-Net upsampling; innermost levels without instance norm", $"{p.Upsampling}; {p.InnerLevelsWithoutNorm}"));
            rows.Add(("widths G / D", $"{p.GeneratorWidth} / {p.DiscriminatorWidth}"));
        }

        if (c.SuperResolution is { } s)
        {
            rows.Add(("super-resolution factor, blocks, content loss, adversarial weight", $"{s.Factor}x, {s.Blocks}, {s.Content}, {N(s.AdversarialWeight)}"));
            rows.Add(("widths G / D", $"{s.GeneratorWidth} / {s.DiscriminatorWidth}"));
        }

        return rows;
    }

    private static string Quality(PairedQuality q) => $"{F(q.Psnr, 2)} / {F(q.Ssim, 4)} / {F(q.L1, 4)}";

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
