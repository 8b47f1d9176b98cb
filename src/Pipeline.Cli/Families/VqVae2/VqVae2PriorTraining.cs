using System.CommandLine;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary><c>train vqvae2-prior</c>: one prior of a trained VQ-VAE-2, on codes extracted once.</summary>
internal static class VqVae2PriorTraining
{
    public static Command Create()
    {
        var settings = new VqVae2PriorTrainSettings();
        return TrainSubcommand.Create(
            "vqvae2-prior",
            "Train a gated PixelCNN prior over a trained VQ-VAE-2's codes (extracted once into RUN/codes): --level top (given the class), then --level bottom (given the top codes and the class). The run goes to RUN/priors/LEVEL.",
            settings.All,
            (context, resume) =>
            {
                var (shape, training) = settings.ToOptions(context.Parse, context.Seed);
                return VqVae2PriorJobs.Train(context.Value(settings.Autoencoder), context.Value(settings.Level), shape, training, context.Path, resume, context, context.Cancellation);
            },
            settings.RunPath);
    }
}
