using System.Diagnostics;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Gans;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// Judges a StyleGAN2 as GANs are judged (<see cref="GanEvaluation"/>, <see cref="GeneratedImageJudge"/>): the share of
/// images the project's classifier assigns to the requested class, and the Fréchet distance in its features, beside
/// the same figures for real images. Generated images are cropped to the data's size first (<see cref="StyleGanData.CropTo"/>).
/// Seeded: same model, same numbers.
/// </summary>
public static class StyleGanEvaluator
{
    /// <summary>
    /// Generates <paramref name="count"/> images (classes in turn) with truncation ψ = <paramref name="truncation"/> (1:
    /// none) and compares them, and <paramref name="count"/> real training images, with the test set.
    /// </summary>
    public static GanEvaluation Evaluate(TrainedStyleGan gan, TrainedClassifier classifier, ImageDataset train, ImageDataset test, Device device, int count, int seed, double truncation = 1.0)
    {
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var labels = StyleGanSampling.Labels(o, count);
        var clock = Stopwatch.StartNew();
        var generated = StyleGanSampling.Generate(gan.Generator, count, labels, truncation, seed, device);
        var perSecond = count / clock.Elapsed.TotalSeconds;

        var judged = StyleGanData.CropTo(generated, test.Height, test.Width);
        var requested = labels is null ? null : tensor(labels, device: device);
        var judgement = GeneratedImageJudge.Judge(classifier, judged, requested, train, test, device);
        return GanEvaluation.Of(gan.Step, count, truncation == 1.0 ? null : truncation, judgement, perSecond);
    }
}
