using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Gans;

namespace Pipeline.Cli.Commands;

/// <summary><c>train vae|gan|cgan</c>: trains a model into a run folder, or resumes one.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train a model; each run writes config, metrics, checkpoints and plots into its own folder.");
        train.Subcommands.Add(CreateVae());
        train.Subcommands.Add(CreateGan(conditional: false));
        train.Subcommands.Add(CreateGan(conditional: true));
        return train;
    }

    private static Command CreateVae()
    {
        var command = new Command("vae", "Train a variational autoencoder (Kingma and Welling 2014) on Fashion-MNIST, another IDX set or an image folder.");
        var runtime = new RuntimeOptions();
        var settings = new VaeTrainSettings();
        var folder = new RunFolderOptions("vae");
        runtime.AddTo(command);
        settings.AddTo(command);
        folder.AddTo(command);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var runPath = folder.PathFrom(r);
            var config = settings.ToConfig(r, r.GetValue(runtime.Seed), r.GetValue(runtime.Device)!, r.GetValue(runtime.Threads));
            var device = runtime.Apply(r);
            using var ctrlC = new CtrlC();
            VaeJobs.Train(config, runPath, r.GetValue(folder.Resume), device, ctrlC.Token);
            return 0;
        }));
        return command;
    }

    private static Command CreateGan(bool conditional)
    {
        var name = conditional ? "cgan" : "gan";
        var command = new Command(name, conditional
            ? "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."
            : "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder.");
        var runtime = new RuntimeOptions();
        var settings = new GanTrainSettings();
        var folder = new RunFolderOptions(name);
        runtime.AddTo(command);
        settings.AddTo(command);
        folder.AddTo(command);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var runPath = folder.PathFrom(r);
            var config = settings.ToConfig(r, conditional, r.GetValue(runtime.Seed), r.GetValue(runtime.Device)!, r.GetValue(runtime.Threads));
            var device = runtime.Apply(r);
            using var ctrlC = new CtrlC();
            var result = GanJobs.Train(config, runPath, r.GetValue(folder.Resume), device, ctrlC.Token);
            return result.Outcome == GanTrainingOutcome.Diverged ? 3 : 0;
        }));
        return command;
    }
}
