using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families;

/// <summary>The classifier that judges generated images of a run (GAN, VQ-VAE-2 with priors): trained once on the run's data and cached.</summary>
internal static class JudgingClassifier
{
    /// <summary>The classifier in <paramref name="classifierPath"/>, or in classifier/ beside the run; trained there first if absent.</summary>
    public static TrainedClassifier Load(string runPath, DataSource source, (ImageDataset Train, ImageDataset Test) data, Device device, string? classifierPath, int seed)
    {
        var folder = classifierPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runPath).TrimEnd(Path.DirectorySeparatorChar))!, "classifier");
        if (!File.Exists(Path.Combine(folder, "config.json")))
        {
            Terminal.Info($"training the judging classifier once on the run's training data (2 epochs; about a minute on 2 cores for Fashion-MNIST), cached in {folder}");
        }

        var classifier = TrainedClassifier.LoadOrTrain(folder, source, data, device, seed: seed);
        Terminal.Info($"classifier {folder}: {classifier.Config.TestAccuracy:P1} test accuracy");
        return classifier;
    }
}
