using System.Diagnostics;
using Pipeline.Training.Batching;
using Pipeline.Training.Classifiers;

namespace Pipeline.Training.Gans;

/// <summary>What <see cref="GanEvaluator.Evaluate"/> measures, next to the same figures for real images.</summary>
/// <param name="Step">Generator steps behind the evaluated weights.</param>
/// <param name="Images">Generated images (and real images in each reference set).</param>
/// <param name="Truncation">The truncation threshold used, or null.</param>
/// <param name="ClassAccuracy">Fraction of generated images the classifier assigns to the requested class (conditional GANs; null otherwise).</param>
/// <param name="FrechetDistance">Fréchet distance in the classifier's feature space between generated and test images.</param>
/// <param name="RealAccuracy">The classifier's accuracy on real test images: the ceiling of <paramref name="ClassAccuracy"/>.</param>
/// <param name="RealFrechetDistance">The same distance between real training and test images: the floor.</param>
/// <param name="GeneratedPerSecond">Generation throughput (images per second, batches of 500).</param>
/// <param name="PerClass">The class shares class by class (conditional GANs; null otherwise).</param>
public sealed record GanEvaluation(
    long Step, int Images, double? Truncation, double? ClassAccuracy, double FrechetDistance, double RealAccuracy, double RealFrechetDistance, double GeneratedPerSecond,
    IReadOnlyList<ClassJudgement>? PerClass = null);

/// <summary>Judges a generator with a classifier trained on the same data. Seeded: same model, same numbers.</summary>
public static class GanEvaluator
{
    /// <summary>
    /// Generates <paramref name="count"/> images (labels cycling through the classes), and compares them, and
    /// <paramref name="count"/> real training images, with the test set.
    /// </summary>
    public static GanEvaluation Evaluate(TrainedGan gan, TrainedClassifier classifier, ImageDataset train, ImageDataset test, Device device, int count, int seed, double? truncation = null)
    {
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var labels = tensor(GanSampling.Labels(o, count, null), device: device);
        random.manual_seed(seed);
        var z = GanSampling.Latents(count, o.LatentSize, device, truncation);
        var clock = Stopwatch.StartNew();
        var generated = GanImagery.Generate(gan.Generator, z, labels);
        var perSecond = count / clock.Elapsed.TotalSeconds;

        var judgement = GeneratedImageJudge.Judge(classifier, generated, o.IsConditional ? labels : null, train, test, device);
        return new GanEvaluation(
            gan.Step, count, truncation, judgement.ClassAccuracy,
            judgement.FrechetDistance,
            judgement.RealAccuracy,
            judgement.RealFrechetDistance,
            perSecond,
            judgement.PerClass);
    }
}
