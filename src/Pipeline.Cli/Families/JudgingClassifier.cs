using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families;

/// <summary><see cref="Application.Classifiers.JudgingClassifier"/> with its notes printed.</summary>
internal static class JudgingClassifier
{
    /// <inheritdoc cref="Application.Classifiers.JudgingClassifier.Load"/>
    public static TrainedClassifier Load(string runPath, DataSource source, (ImageDataset Train, ImageDataset Test) data, Device device, string? classifierPath, int seed) =>
        Application.Classifiers.JudgingClassifier.Load(runPath, source, data, device, classifierPath, seed, Terminal.Notes);
}
