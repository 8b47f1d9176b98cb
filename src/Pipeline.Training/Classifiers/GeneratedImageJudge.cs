using Pipeline.Data;
using Pipeline.Training.Batching;
using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Training.Classifiers;

/// <summary>What a classifier says of generated images, next to the same figures for real images.</summary>
/// <param name="ClassAccuracy">Fraction of generated images assigned to their requested class (null when nothing was requested).</param>
/// <param name="FrechetDistance">Fréchet distance in the classifier's feature space between generated and test images.</param>
/// <param name="RealAccuracy">The classifier's accuracy on real test images: the ceiling of <paramref name="ClassAccuracy"/>.</param>
/// <param name="RealFrechetDistance">The same distance between as many real training images and the test images: the floor.</param>
public sealed record GeneratedJudgement(double? ClassAccuracy, double FrechetDistance, double RealAccuracy, double RealFrechetDistance);

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
        var (_, testFeatures) = classifier.Judge(MiniBatchLoader.First(test, test.Count, device));
        var (_, trainFeatures) = classifier.Judge(MiniBatchLoader.First(train, Math.Min(count, train.Count), device));
        double? accuracy = requested is null ? null : predicted.eq(requested.to(predicted.device)).to(float64).mean().item<double>();
        return new GeneratedJudgement(
            accuracy,
            FrechetDistance.Between(fakeFeatures, testFeatures),
            TrainedClassifier.Accuracy(classifier.Model, test, device),
            FrechetDistance.Between(trainFeatures, testFeatures));
    }
}
