using System.CommandLine;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>train vae</c>.</summary>
internal static class VaeTraining
{
    public static Command Create()
    {
        var settings = new VaeTrainSettings();
        return TrainSubcommand.Create(
            "vae",
            "Train a variational autoencoder (Kingma and Welling 2014) on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads);
                VaeJobs.Train(config, context.Path, resume, context.Device, context.Cancellation);
                return 0;
            });
    }
}
