using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;

namespace Pipeline.Cli.Commands;

/// <summary><c>neighbours RUN</c>: generated images beside their nearest training images.</summary>
internal static class NeighboursCommand
{
    public static Command Create()
    {
        var command = new Command("neighbours", "GAN: each generated image beside its k nearest training images in pixel L2, to show the generator is not copying its data.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var count = new Option<int>("--count") { Description = "generated images (rows)", DefaultValueFactory = _ => 10 };
        var k = new Option<int>("--k") { Description = "neighbours per image", DefaultValueFactory = _ => 5 };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        foreach (Option option in new Option[] { count, k, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var (n, neighbours) = (r.GetValue(count), r.GetValue(k));
            if (n < 1 || neighbours < 1)
            {
                throw new CliError($"--count and --k must be at least 1 (got {n} and {neighbours}).");
            }

            var device = runtime.Apply(r);
            using var gan = GanJobs.Load(r.GetValue(run)!, device);
            GanJobs.Neighbours(gan, device, n, neighbours, r.GetValue(runtime.Seed), r.GetValue(output));
            return 0;
        }));
        return command;
    }
}
