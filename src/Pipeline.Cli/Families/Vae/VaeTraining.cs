using System.CommandLine;
using Pipeline.Application.Training;
using Pipeline.Application.Vae;
using Pipeline.Training.Vae;

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
            context => settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads),
            _ => VaeTrainingPlan.Instance,
            "VAE",
            Row);
    }

    /// <summary>Trains (or resumes) the VAE run in <paramref name="runPath"/> with the terminal's progress bar; returns the exit code.</summary>
    public static int Train(VerbContext context, VaeRunConfig config, string runPath, bool resume) =>
        TrainSubcommand.Train(context, VaeOperations.OpenTraining(new TrainingRequest<VaeRunConfig>(config, runPath, resume, context.Device)), "vae", "VAE", Row);

    private static (string Name, string Value) Row(VaeEpochMetrics m) =>
        ($"epoch {m.Epoch:F2}", $"train -ELBO {m.TrainNegElbo:F2}  test -ELBO {m.TestNegElbo:F2} (rec {m.TestReconstruction:F2} + KL {m.TestKl:F2})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s");
}
