using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>traverse RUN</c>: the lecture's latent traversal grid.</summary>
internal static class TraverseCommand
{
    public static Command Create()
    {
        var command = new Command("traverse", "Sweep two latent dimensions over a grid with the others fixed; with a 2-D latent this draws the learned manifold.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var dims = new Option<int[]>("--dims") { Description = "the two dimensions to sweep (columns, rows)", DefaultValueFactory = _ => [0, 1], AllowMultipleArgumentsPerToken = true };
        var steps = new Option<int>("--steps") { Description = "grid cells per axis", DefaultValueFactory = _ => 15 };
        var extent = new Option<double>("--extent") { Description = "sweep [-extent, extent] with --spacing linear", DefaultValueFactory = _ => 3.0 };
        var spacing = new Option<TraversalSpacing>("--spacing") { Description = "quantile (equal prior mass per cell, as in the AEVB paper) or linear", DefaultValueFactory = _ => TraversalSpacing.Quantile };
        var anchor = new Option<int?>("--anchor-image") { Description = "hold the other dimensions at this test image's posterior mean (default: the prior mean 0)" };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        foreach (Option option in new Option[] { dims, steps, extent, spacing, anchor, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var axes = r.GetValue(dims)!;
            if (axes.Length != 2)
            {
                throw new CliError($"--dims takes exactly two latent dimensions, got {axes.Length}.");
            }

            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            var latent = vae.Config.Model.LatentSize;
            if (axes.Any(a => a < 0 || a >= latent) || axes[0] == axes[1])
            {
                throw new CliError($"--dims must be two different dimensions in [0, {latent - 1}], got {axes[0]} {axes[1]}.");
            }

            VaeJobs.Traverse(vae, device, axes[0], axes[1], r.GetValue(steps), r.GetValue(extent), r.GetValue(spacing), r.GetValue(anchor), r.GetValue(output));
            return 0;
        }));
        return command;
    }
}
