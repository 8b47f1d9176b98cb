using Pipeline.Training.Batching;
using Pipeline.Training.Gans;

namespace Pipeline.Training.Classifiers;

/// <summary>What a classifier says of generated images, next to the same figures for real images.</summary>
/// <param name="ClassAccuracy">Fraction of generated images assigned to their requested class (null when nothing was requested).</param>
/// <param name="FrechetDistance">Fréchet distance in the classifier's feature space between generated and test images.</param>
/// <param name="RealAccuracy">The classifier's accuracy on real test images: the ceiling of <paramref name="ClassAccuracy"/>.</param>
/// <param name="RealFrechetDistance">The same distance between as many real training images and the test images: the floor.</param>
/// <param name="PerClass">The same shares class by class (null when nothing was requested): which classes the generator fails, and what it draws instead.</param>
public sealed record GeneratedJudgement(double? ClassAccuracy, double FrechetDistance, double RealAccuracy, double RealFrechetDistance, IReadOnlyList<ClassJudgement>? PerClass = null);

/// <summary>One requested class: how many were generated, the share recognised, and the class most often seen instead.</summary>
/// <param name="Class">The requested class.</param>
/// <param name="Generated">Images generated for it.</param>
/// <param name="Recognised">Share of them the classifier assigns to it.</param>
/// <param name="RealRecognised">Share of the real test images of the class the classifier gets right: the ceiling.</param>
/// <param name="MostConfusedWith">The class the others were most often assigned to (null when all were recognised).</param>
/// <param name="ConfusedShare">Share of the generated images assigned to <paramref name="MostConfusedWith"/>.</param>
public sealed record ClassJudgement(int Class, int Generated, double Recognised, double RealRecognised, int? MostConfusedWith, double ConfusedShare);

/// <summary>Judges generated images of any family with a classifier trained on the same data (GANs, VQ-VAE-2 with priors).</summary>
public static class GeneratedImageJudge
{
    /// <summary>
    /// <paramref name="generated"/> (N, C, H, W) in [0, 1] with their <paramref name="requested"/> labels (N) or null,
    /// against the test set, beside N real training images against the test set.
    /// </summary>
    public static GeneratedJudgement Judge(TrainedClassifier classifier, Tensor generated, Tensor? requested, ImageDataset train, ImageDataset test, Device device)
    {
        using var scope = NewDisposeScope();
        var count = (int)generated.shape[0];
        var (predicted, fakeFeatures) = classifier.Judge(generated);
        var (testPredicted, testFeatures) = classifier.Judge(MiniBatchLoader.First(test, test.Count, device));
        var (_, trainFeatures) = classifier.Judge(MiniBatchLoader.First(train, Math.Min(count, train.Count), device));
        var testLabels = test.Labels.Select(l => (long)l).ToArray();
        var testGuesses = Longs(testPredicted);
        var realAccuracy = testLabels.Zip(testGuesses).Average(p => p.First == p.Second ? 1.0 : 0.0);
        double? accuracy = null;
        IReadOnlyList<ClassJudgement>? perClass = null;
        if (requested is not null)
        {
            var (asked, guesses) = (Longs(requested), Longs(predicted));
            accuracy = asked.Zip(guesses).Average(p => p.First == p.Second ? 1.0 : 0.0);
            perClass = PerClass(asked, guesses, testLabels, testGuesses);
        }

        return new GeneratedJudgement(
            accuracy,
            FrechetDistance.Between(fakeFeatures, testFeatures),
            realAccuracy,
            FrechetDistance.Between(trainFeatures, testFeatures),
            perClass);
    }

    /// <summary>Per requested class, in class order: generated count, share recognised, real test share, and the commonest wrong class.</summary>
    public static IReadOnlyList<ClassJudgement> PerClass(long[] requested, long[] predicted, long[] realLabels, long[] realPredicted) =>
        requested.Zip(predicted).GroupBy(p => p.First).OrderBy(g => g.Key).Select(g =>
        {
            var n = g.Count();
            var wrong = g.Where(p => p.Second != g.Key).GroupBy(p => p.Second).OrderByDescending(w => w.Count()).ThenBy(w => w.Key).FirstOrDefault();
            var real = realLabels.Zip(realPredicted).Where(p => p.First == g.Key).ToArray();
            return new ClassJudgement(
                (int)g.Key,
                n,
                (double)g.Count(p => p.Second == g.Key) / n,
                real.Length == 0 ? double.NaN : (double)real.Count(p => p.Second == g.Key) / real.Length,
                wrong is null ? null : (int)wrong.Key,
                wrong is null ? 0 : (double)wrong.Count() / n);
        }).ToArray();

    private static long[] Longs(Tensor values) => values.to(ScalarType.Int64).cpu().data<long>().ToArray();
}
