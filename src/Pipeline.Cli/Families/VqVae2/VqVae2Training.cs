using System.CommandLine;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary><c>train vqvae2</c>.</summary>
internal static class VqVae2Training
{
    public static Command Create()
    {
        var settings = new VqVae2TrainSettings();
        return TrainSubcommand.Create(
            "vqvae2",
            "Train a VQ-VAE-2 (Razavi et al. 2019: bottom and top code grids, EMA codebooks) on Fashion-MNIST, another IDX set or an image folder.",
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads);
                return VqVae2Jobs.Train(config, context.Path, resume, context.Device, context.Cancellation);
            });
    }
}
