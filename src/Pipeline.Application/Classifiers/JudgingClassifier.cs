using Pipeline.Data;
using Pipeline.Training.Classifiers;

namespace Pipeline.Application.Classifiers;

/// <summary>The classifier that judges generated images of a run (GAN, VQ-VAE-2 with priors): trained once on the run's data and cached.</summary>
public static class JudgingClassifier
{
    /// <summary>The classifier in <paramref name="classifierPath"/>, or in classifier/ beside the run; trained there first if absent;
    /// <c>notes</c> hears when it is trained and how accurate it is.</summary>
    public static TrainedClassifier Load(string runPath, DataSource source, (ImageDataset Train, ImageDataset Test) data, Device device, string? classifierPath, int seed, IProgress<string>? notes = null)
    {
        var folder = classifierPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runPath).TrimEnd(Path.DirectorySeparatorChar))!, "classifier");
        if (!File.Exists(Path.Combine(folder, RunFolder.ConfigFileName)))
        {
            notes?.Report($"training the judging classifier once on the run's training data (2 epochs; about a minute on 2 cores for Fashion-MNIST), cached in {folder}");
        }

        var classifier = TrainedClassifier.LoadOrTrain(folder, source, data, device, seed: seed);
        notes?.Report($"classifier {folder}: {classifier.Config.TestAccuracy:P1} test accuracy");
        return classifier;
    }
}
