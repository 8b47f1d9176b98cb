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
        var output = new Option<string?>("--out") { Description = "run folder (default: runs/vae-<time>)" };
        var resume = new Option<bool>("--resume") { Description = "continue the run in --out from its last checkpoint, exactly" };
        runtime.AddTo(command);
        settings.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(resume);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var isResume = r.GetValue(resume);
            var runPath = r.GetValue(output) ?? (isResume
                ? throw new CliError("--resume needs --out RUN_FOLDER: the run to continue.")
                : Path.Combine("runs", $"vae-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
            var config = settings.ToConfig(r, r.GetValue(runtime.Seed), r.GetValue(runtime.Device)!, r.GetValue(runtime.Threads));
            var device = runtime.Apply(r);
            using var ctrlC = new CtrlC();
            VaeJobs.Train(config, runPath, isResume, device, ctrlC.Token);
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
        var output = new Option<string?>("--out") { Description = $"run folder (default: runs/{name}-<time>)" };
        var resume = new Option<bool>("--resume") { Description = "continue the run in --out from its last checkpoint, exactly" };
        runtime.AddTo(command);
        settings.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(resume);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var isResume = r.GetValue(resume);
            var runPath = r.GetValue(output) ?? (isResume
                ? throw new CliError("--resume needs --out RUN_FOLDER: the run to continue.")
                : Path.Combine("runs", $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
            var config = settings.ToConfig(r, conditional, r.GetValue(runtime.Seed), r.GetValue(runtime.Device)!, r.GetValue(runtime.Threads));
            var device = runtime.Apply(r);
            using var ctrlC = new CtrlC();
            var result = GanJobs.Train(config, runPath, isResume, device, ctrlC.Token);
            return result.Outcome == GanTrainingOutcome.Diverged ? 3 : 0;
        }));
        return command;
    }
}
