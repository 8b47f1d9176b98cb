using System.CommandLine;
using Pipeline.Application.Gans;
using Pipeline.Application.Training;
using Pipeline.Cli.Console;
using Pipeline.Training.Gans;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>train gan</c> and <c>train cgan</c>.</summary>
internal static class GanTraining
{
    public static Command Create(bool conditional)
    {
        var settings = new GanTrainSettings();
        var name = conditional ? "cgan" : "gan";
        return TrainSubcommand.Create(
            name,
            conditional
                ? "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."
                : "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, conditional, context.Seed, context.DeviceName, context.Threads);
                var session = GanOperations.OpenTraining(new TrainingRequest<GanRunConfig>(config, context.Path, resume, context.Device), Terminal.Warnings);
                return TrainSubcommand.Train(context, session, name, "GAN", outputs: ("fixed-noise samples", session.Run.File("images")));
            });
    }
}
