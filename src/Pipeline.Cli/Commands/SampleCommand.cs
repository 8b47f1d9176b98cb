using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>sample RUN</c>: decodes draws from the prior.</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var command = new Command("sample", "Decode random latents z ~ N(0, τ²I) into a PNG grid.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var count = new Option<int>("--count") { Description = "images to generate", DefaultValueFactory = _ => 64 };
        var temperature = new Option<double>("--temperature") { Description = "τ, the prior's scale: below 1 gives cleaner, less varied images", DefaultValueFactory = _ => 1.0 };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        command.Options.Add(count);
        command.Options.Add(temperature);
        command.Options.Add(output);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var n = r.GetValue(count);
            var t = r.GetValue(temperature);
            if (n < 1 || !(t > 0))
            {
                throw new CliError($"--count must be at least 1 and --temperature positive (got {n} and {t}).");
            }

            if (MlNetJobs.IsOnnxModel(r.GetValue(run)!))
            {
                MlNetJobs.Sample(r.GetValue(run)!, n, t, r.GetValue(runtime.Seed), r.GetValue(output));
                return 0;
            }

            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            VaeJobs.Sample(vae, device, n, t, r.GetValue(runtime.Seed), r.GetValue(output));
            return 0;
        }));
        return command;
    }
}
