using System.Diagnostics;
using Pipeline.Data.Translation;
using Pipeline.Training.Batching;
using Pipeline.Training.Classifiers;

namespace Pipeline.Training.Translation;

/// <summary>
/// A translation run's evaluation on its test images, written as evaluation.json. Paired recipes: L1, PSNR and SSIM
/// against the ground truth next to a baseline measured the same way (bicubic upsampling for super-resolution, an
/// L1-only U-Net run for pix2pix when one is given). CycleGAN: cycle-reconstruction L1 both ways and, when a
/// classifier judges the domains, the share of translated images in the target class next to untranslated images.
/// </summary>
/// <param name="Recipe">The run's recipe.</param>
/// <param name="Step">Steps behind the evaluated weights.</param>
/// <param name="Images">Test images (pairs, or images of each domain) evaluated.</param>
/// <param name="Quality">The translator against the truth (paired recipes).</param>
/// <param name="Baseline">The baseline against the same truth.</param>
/// <param name="BaselineName">What the baseline is, e.g. "bicubic upsampling".</param>
/// <param name="CycleL1A">‖G_B(G_A(a)) − a‖₁ per pixel in [0, 1] units (CycleGAN).</param>
/// <param name="CycleL1B">‖G_A(G_B(b)) − b‖₁ per pixel.</param>
/// <param name="TargetShareAToB">Share of G_A(a) the classifier assigns to B's class.</param>
/// <param name="TargetShareBToA">Share of G_B(b) the classifier assigns to A's class.</param>
/// <param name="UntranslatedShareA">Share of untranslated a already assigned to B's class.</param>
/// <param name="UntranslatedShareB">Share of untranslated b already assigned to A's class.</param>
/// <param name="ClassifierTestAccuracy">The judging classifier's accuracy on its own test set.</param>
/// <param name="ImagesPerSecond">Translation speed in TorchSharp over the test images (batches of 256).</param>
/// <param name="FrechetDistance">pix2pix on Fashion-MNIST edges: Fréchet distance between the translated test images and the real test items in the classifier's features.</param>
/// <param name="BaselineFrechetDistance">The same for the baseline's translations.</param>
/// <param name="RealFrechetDistance">The same between as many real training items and the test items: the floor.</param>
/// <param name="FrechetDistanceAToB">CycleGAN on Fashion-MNIST: Fréchet distance of G_A(a) to the real test images of B's class.</param>
/// <param name="FrechetDistanceBToA">The same of G_B(b) to A's class.</param>
/// <param name="RealFrechetDistanceB">Real training images of B's class against its test images: the floor of the first.</param>
/// <param name="RealFrechetDistanceA">The same for A's class.</param>
public sealed record TranslationEvaluationResult(
    TranslationRecipeKind Recipe,
    long Step,
    int Images,
    PairedQuality? Quality = null,
    PairedQuality? Baseline = null,
    string? BaselineName = null,
    double? CycleL1A = null,
    double? CycleL1B = null,
    double? TargetShareAToB = null,
    double? TargetShareBToA = null,
    double? UntranslatedShareA = null,
    double? UntranslatedShareB = null,
    double? ClassifierTestAccuracy = null,
    double ImagesPerSecond = 0,
    double? FrechetDistance = null,
    double? BaselineFrechetDistance = null,
    double? RealFrechetDistance = null,
    double? FrechetDistanceAToB = null,
    double? FrechetDistanceBToA = null,
    double? RealFrechetDistanceB = null,
    double? RealFrechetDistanceA = null);

/// <summary>Computes <see cref="TranslationEvaluationResult"/> for a trained run.</summary>
public static class TranslationEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on at most <paramref name="limit"/> test images of each domain.</summary>
    /// <param name="model">The run to evaluate.</param>
    /// <param name="device">Where to run.</param>
    /// <param name="limit">Test images per domain; all when null.</param>
    /// <param name="baseline">pix2pix: an L1-only run on the same data, measured as the baseline.</param>
    /// <param name="classifier">
    /// The project's Fashion-MNIST classifier: for CycleGAN it judges the classes, for pix2pix on edges → item its
    /// features give the Fréchet distance of the translations (and of the baseline's) to the real items.
    /// </param>
    public static TranslationEvaluationResult Evaluate(TrainedTranslator model, Device device, int? limit = null, TrainedTranslator? baseline = null, TrainedClassifier? classifier = null)
    {
        using var scope = NewDisposeScope();
        var test = limit is { } n ? model.Test.Take(n) : model.Test;
        var (a, b) = (Images(test.A, device), Images(test.B, device));
        var clock = Stopwatch.StartNew();
        var translated = TranslationEvaluation.Translate(model.Forward, a);
        var perSecond = a.shape[0] / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var config = model.Config;
        switch (config.Recipe)
        {
            case TranslationRecipeKind.CycleGan:
                var (classA, classB) = (FashionMnistTranslation.Sneaker, FashionMnistTranslation.AnkleBoot);
                Func<Tensor, Tensor>? classify = classifier is null || config.Data.Kind != TranslationDataKind.FashionSneakerBoot
                    ? null
                    : images => classifier.Judge(images).Predictions;
                var q = TranslationEvaluation.CycleGan(model.Forward, model.Backward!, a, b, classify, classA, classB);
                double? Known(double value) => double.IsNaN(value) ? null : value;
                var realism = classify is null ? ((double, double, double, double)?)null
                    : TranslationRealism.JudgeCycle(classifier!, config.Data, translated, TranslationEvaluation.Translate(model.Backward!, b), classA, classB, device);
                return new TranslationEvaluationResult(config.Recipe, model.Step, test.A.Count,
                    CycleL1A: q.CycleL1A, CycleL1B: q.CycleL1B,
                    TargetShareAToB: Known(q.TargetShareAToB), TargetShareBToA: Known(q.TargetShareBToA),
                    UntranslatedShareA: Known(q.UntranslatedShareA), UntranslatedShareB: Known(q.UntranslatedShareB),
                    ClassifierTestAccuracy: classify is null ? null : classifier!.Config.TestAccuracy, ImagesPerSecond: perSecond,
                    FrechetDistanceAToB: realism?.Item1, FrechetDistanceBToA: realism?.Item2, RealFrechetDistanceB: realism?.Item3, RealFrechetDistanceA: realism?.Item4);
            case TranslationRecipeKind.SuperResolution:
                return new TranslationEvaluationResult(config.Recipe, model.Step, test.A.Count,
                    PairedQuality.Measure(translated, b), PairedQuality.Measure(ImageQuality.Bicubic(a, config.Scale), b),
                    $"bicubic upsampling ×{config.Scale}", ImagesPerSecond: perSecond);
            default:
                var baselineTranslated = baseline is null ? null : TranslationEvaluation.Translate(Comparable(model, baseline).Forward, a);
                var (reference, name) = baselineTranslated is null
                    ? ((PairedQuality?)null, (string?)null)
                    : (PairedQuality.Measure(baselineTranslated, b), $"L1-only U-Net ({baseline!.Run.Id}, step {baseline.Step})");
                (double Translated, double? Baseline, double Real)? judged = classifier is null || config.Data.Kind != TranslationDataKind.FashionEdges
                    ? null
                    : TranslationRealism.Judge(classifier, config.Data, translated, baselineTranslated, device);
                return new TranslationEvaluationResult(config.Recipe, model.Step, test.A.Count,
                    PairedQuality.Measure(translated, b), reference, name, ImagesPerSecond: perSecond,
                    FrechetDistance: judged?.Translated, BaselineFrechetDistance: judged?.Baseline, RealFrechetDistance: judged?.Real);
        }
    }

    // A baseline counts only on the same test pairs: same data, same sizes.
    private static TrainedTranslator Comparable(TrainedTranslator model, TrainedTranslator baseline)
    {
        var (m, o) = (model.Config, baseline.Config);
        if (o.Recipe != m.Recipe || o.Data with { TrainLimit = null, TestLimit = null } != m.Data with { TrainLimit = null, TestLimit = null })
        {
            throw new ArgumentException(
                $"{baseline.Run.Path}: a {o.Recipe} run on {o.Data.Describe()}; the baseline of {model.Run.Id} must be a {m.Recipe} run on {m.Data.Describe()}.");
        }

        return baseline;
    }

    private static Tensor Images(ImageDataset data, Device device) =>
        new MiniBatchLoader(data, data.Count, 0, device, shuffle: false).Gather(Enumerable.Range(0, data.Count).ToArray()).Images;
}
