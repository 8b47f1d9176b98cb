using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;

namespace Pipeline.Cli.Commands;

/// <summary><c>interpolate RUN</c>: a GAN's latent interpolation grid.</summary>
internal static class InterpolateCommand
{
    public static Command Create()
    {
        var command = new Command("interpolate", "GAN: walk between two latents, linearly or on the sphere (slerp); a conditional GAN draws the same walk for every class, one row each.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var steps = new Option<int>("--steps") { Description = "images per walk", DefaultValueFactory = _ => 10 };
        var spherical = new Option<bool>("--slerp") { Description = "spherical instead of linear interpolation" };
        var truncation = new Option<double?>("--truncation") { Description = "truncation threshold for the two end latents" };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        foreach (Option option in new Option[] { steps, spherical, truncation, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var n = r.GetValue(steps);
            if (n < 2)
            {
                throw new CliError($"--steps must be at least 2, got {n}.");
            }

            var device = runtime.Apply(r);
            using var gan = GanJobs.Load(r.GetValue(run)!, device);
            GanJobs.Interpolate(gan, device, n, r.GetValue(spherical), r.GetValue(runtime.Seed), r.GetValue(truncation), r.GetValue(output));
            return 0;
        }));
        return command;
    }
}
