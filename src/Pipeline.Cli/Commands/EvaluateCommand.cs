using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>evaluate RUN</c>: test negative ELBO and the importance-weighted log-likelihood estimate.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "Test negative ELBO over the whole test set and importance-weighted -log p(x) (Burda et al. 2016) on a subset.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var samples = new Option<int>("--k") { Description = "importance samples per image", DefaultValueFactory = _ => 100 };
        var images = new Option<int>("--images") { Description = "test images for the importance-weighted estimate", DefaultValueFactory = _ => 1000 };
        command.Arguments.Add(run);
        runtime.AddTo(command);
        command.Options.Add(samples);
        command.Options.Add(images);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var k = r.GetValue(samples);
            var n = r.GetValue(images);
            if (k < 1 || n < 1)
            {
                throw new CliError($"--k and --images must be at least 1 (got {k} and {n}).");
            }

            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            VaeJobs.Evaluate(vae, device, k, n, r.GetValue(runtime.Seed));
            return 0;
        }));
        return command;
    }
}
