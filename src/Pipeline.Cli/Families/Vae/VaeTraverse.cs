using System.CommandLine;
using Pipeline.Application.Vae;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>traverse</c>: the lecture's latent traversal grid; with a 2-D latent, the learned manifold.</summary>
internal sealed class VaeTraverse : ITraverse
{
    private readonly Option<int[]> _dims = new Option<int[]>("--dims") { Description = "the two latent dimensions to sweep (columns, rows)", DefaultValueFactory = _ => [0, 1], AllowMultipleArgumentsPerToken = true }.Exactly(2, "latent dimensions");
    private readonly Option<int> _steps = new Option<int>("--steps") { Description = "grid cells per axis", DefaultValueFactory = _ => 15 }.AtLeast(2);
    private readonly Option<double> _extent = new Option<double>("--extent") { Description = "sweep [-extent, extent] with --spacing linear", DefaultValueFactory = _ => 3.0 }.Positive();
    private readonly Option<TraversalSpacing> _spacing = new("--spacing") { Description = "quantile (equal prior mass per cell, as in the AEVB paper) or linear", DefaultValueFactory = _ => TraversalSpacing.Quantile };
    private readonly Option<int?> _anchor = new("--anchor-image") { Description = "hold the other dimensions at this test image's posterior mean (default: the prior mean 0)" };

    public IReadOnlyList<Option> Options => [_dims, _steps, _extent, _spacing, _anchor];

    public void Traverse(VerbContext context)
    {
        var axes = context.Value(_dims);
        using var vae = VaeFamily.Load(context);
        var latent = vae.Config.Model.LatentSize;
        if (axes.Any(a => a < 0 || a >= latent) || axes[0] == axes[1])
        {
            throw new CliError($"--dims must be two different dimensions in [0, {latent - 1}], got {axes[0]} {axes[1]}.");
        }

        Terminal.Wrote(VaeOperations.Traverse(vae, context.Device, axes[0], axes[1], context.Value(_steps), context.Value(_extent), context.Value(_spacing), context.Value(_anchor), context.Output));
    }
}
