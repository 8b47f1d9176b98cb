using System.CommandLine;
using Pipeline.Application.Gans;
using Pipeline.Cli.Console;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>train gan</c> and <c>train cgan</c>.</summary>
internal static class GanTraining
{
    public static Command Create(bool conditional)
    {
        var settings = new GanTrainSettings();
        return TrainSubcommand.Create(
            conditional ? "cgan" : "gan",
            conditional
                ? "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."
                : "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            context => settings.ToConfig(context.Parse, conditional, context.Seed, context.DeviceName, context.Threads),
            _ => new GanTrainingPlan(Terminal.Warnings),
            "GAN",
            outputs: ("fixed-noise samples", "images"));
    }
}
