using System.CommandLine;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>train gan</c> and <c>train cgan</c>.</summary>
internal static class GanTraining
{
    /// <summary>Exit code of a run stopped because its losses diverged.</summary>
    public const int Diverged = 3;

    public static Command Create(bool conditional)
    {
        var settings = new GanTrainSettings();
        return TrainSubcommand.Create(
            conditional ? "cgan" : "gan",
            conditional
                ? "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."
                : "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, conditional, context.Seed, context.DeviceName, context.Threads);
                var result = GanJobs.Train(config, context.Path, resume, context.Device, context.Cancellation);
                return result.Outcome == TrainingOutcome.Diverged ? Diverged : 0;
            });
    }
}
