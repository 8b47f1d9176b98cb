using System.Diagnostics;
using Pipeline.Models.Gans;
using Pipeline.Training.Batching;
using Pipeline.Training.Classifiers;

namespace Pipeline.Training.Gans;

/// <summary>What <see cref="GanEvaluator"/> measures, next to the same figures for real images.</summary>
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
    IReadOnlyList<ClassJudgement>? PerClass = null)
{
    /// <summary>The evaluation of <paramref name="images"/> generated images from the judge's figures.</summary>
    public static GanEvaluation Of(long step, int images, double? truncation, GeneratedJudgement judgement, double generatedPerSecond) =>
        new(step, images, truncation, judgement.ClassAccuracy, judgement.FrechetDistance, judgement.RealAccuracy, judgement.RealFrechetDistance,
            generatedPerSecond, judgement.PerClass);
}

/// <summary>Judges a generator with a classifier trained on the same data. Seeded: same model, same numbers.</summary>
public static class GanEvaluator
{
    /// <summary>
    /// Generates <paramref name="count"/> images (labels cycling through the classes), and compares them, and
    /// <paramref name="count"/> real training images, with the test set.
    /// </summary>
    public static GanEvaluation Evaluate(TrainedGan gan, TrainedClassifier classifier, ImageDataset train, ImageDataset test, Device device, int count, int seed, double? truncation = null) =>
        Evaluate(gan.Config.Model, gan.Step, (z, labels) => GanImagery.Generate(gan.Generator, z, labels), images => images, classifier, train, test, device, count, seed, truncation);

    /// <summary>
    /// The evaluation every generator of z ~ N(0, I) and a class label shares: <paramref name="count"/> latents drawn
    /// from <paramref name="seed"/> (truncated at <paramref name="truncation"/>), labels cycling through the classes of
    /// <paramref name="shape"/>, <paramref name="generate"/> timed, its images fitted to the data's size by
    /// <paramref name="fitToData"/> and judged against the test set.
    /// </summary>
    internal static GanEvaluation Evaluate(
        GanOptions shape, long step, Func<Tensor, Tensor, Tensor> generate, Func<Tensor, Tensor> fitToData,
        TrainedClassifier classifier, ImageDataset train, ImageDataset test, Device device, int count, int seed, double? truncation)
    {
        using var scope = NewDisposeScope();
        var labels = tensor(GanSampling.Labels(shape, count, null), device: device);
        random.manual_seed(seed);
        var z = GanSampling.Latents(count, shape.LatentSize, device, truncation);
        var clock = Stopwatch.StartNew();
        var generated = generate(z, labels);
        var perSecond = count / clock.Elapsed.TotalSeconds;

        var judgement = GeneratedImageJudge.Judge(classifier, fitToData(generated), shape.IsConditional ? labels : null, train, test, device);
        return GanEvaluation.Of(step, count, truncation, judgement, perSecond);
    }
}
