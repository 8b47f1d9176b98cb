using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>reconstruct RUN</c>: test images next to their reconstructions.</summary>
internal static class ReconstructCommand
{
    public static Command Create()
    {
        var command = new Command("reconstruct", "Encode test images to their posterior mean and decode them: originals and reconstructions in alternating rows.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var count = new Option<int>("--images") { Description = "test images", DefaultValueFactory = _ => 32 };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        command.Options.Add(count);
        command.Options.Add(output);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var n = r.GetValue(count);
            if (n < 1)
            {
                throw new CliError($"--images must be at least 1, got {n}.");
            }

            if (MlNetJobs.IsOnnxModel(r.GetValue(run)!))
            {
                MlNetJobs.Reconstruct(r.GetValue(run)!, n, r.GetValue(output));
                return 0;
            }

            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            VaeJobs.Reconstruct(vae, device, n, r.GetValue(output));
            return 0;
        }));
        return command;
    }
}
