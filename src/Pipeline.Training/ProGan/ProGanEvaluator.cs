using Pipeline.Training.Classifiers;
using Pipeline.Training.Gans;

namespace Pipeline.Training.ProGan;

/// <summary>Judges a Progressive GAN's grown generator as <see cref="GanEvaluator"/> judges a GAN, with the same classifier and figures. Seeded: same model, same numbers.</summary>
public static class ProGanEvaluator
{
    /// <summary>
    /// Generates <paramref name="count"/> full-size images (labels cycling through the classes), crops them to the
    /// data's own size (Fashion-MNIST's 28×28 inside the padded 32×32), and compares them, and as many real training
    /// images, with the test set in the features of <paramref name="classifier"/>.
    /// </summary>
    public static GanEvaluation Evaluate(TrainedProGan gan, TrainedClassifier classifier, ImageDataset train, ImageDataset test, Device device, int count, int seed, double? truncation = null)
    {
        gan.RequireGrown("evaluation");
        return GanEvaluator.Evaluate(
            ProGanSampling.SamplingShape(gan.Config.Model), gan.Step, (z, labels) => ProGanSampling.Generate(gan.Generator, z, labels),
            images => ProGanSampling.Crop(images, test.Height, test.Width), classifier, train, test, device, count, seed, truncation);
    }
}
