using System.CommandLine;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary><c>train pixelcnn</c>.</summary>
internal static class PixelCnnTraining
{
    public static Command Create()
    {
        var settings = new PixelCnnTrainSettings();
        return TrainSubcommand.Create(
            "pixelcnn",
            "Train a class-conditional gated PixelCNN (van den Oord et al. 2016) over grey pixels by maximum likelihood on Fashion-MNIST or another IDX set.",
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads);
                PixelCnnJobs.Train(config, context.Path, resume, context.Device, context.Cancellation);
                return 0;
            });
    }
}
