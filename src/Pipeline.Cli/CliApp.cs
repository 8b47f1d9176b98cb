using Pipeline.Cli.Commands;
using Pipeline.Cli.Commands.Cluster;
using Pipeline.Cli.Families;

namespace Pipeline.Cli;

/// <summary>The command tree; a class rather than top-level statements so tests can run commands in-process.</summary>
internal static class CliApp
{
    /// <summary>The command tree over <paramref name="registry"/> (default: the shipped families).</summary>
    public static RootCommand Build(FamilyRegistry? registry = null)
    {
        registry ??= ModelFamilies.Create();
        var root = new RootCommand("Generative image models: train in TorchSharp, export to ONNX, run in ML.NET pipelines.");
        root.Subcommands.Add(DemoCommand.Create(registry));
        root.Subcommands.Add(TrainCommand.Create(registry));
        root.Subcommands.Add(EvaluateCommand.Create(registry));
        root.Subcommands.Add(SampleCommand.Create(registry));
        root.Subcommands.Add(Picture(registry, "traverse", "Sweep two latent dimensions over a grid with the others fixed; with a 2-D latent this draws the learned manifold."));
        root.Subcommands.Add(Picture(registry, "edit", "Encode test images, shift chosen latent dimensions, decode"));
        root.Subcommands.Add(ReconstructCommand.Create(registry));
        root.Subcommands.Add(Picture(registry, "interpolate", "Walk between two latents, linearly or on the sphere (slerp); a conditional GAN draws the same walk for every class, one row each."));
        root.Subcommands.Add(Picture(registry, "arithmetic", "Mean latent of each class (as the classifier sees the samples) and a - b + c, one row per triple"));
        root.Subcommands.Add(Picture(registry, "mix", "Style mixing: sources A across, sources B down, each cell an A with one band of styles (coarse, middle or fine) copied from its row's B."));
        root.Subcommands.Add(Picture(registry, "neighbours", "Each generated image beside its k nearest training images in pixel L2, to show the generator is not copying its data."));
        root.Subcommands.Add(TranslateCommand.Create(registry));
        root.Subcommands.Add(ExportCommand.Create(registry));
        root.Subcommands.Add(ExtractCodesCommand.Create(registry));
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(OptimizeCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(AdoptCommand.Create());
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    // A verb whose families each draw one picture (PictureVerb).
    private static Command Picture(FamilyRegistry registry, string verb, string description) =>
        new FamilyVerb<PictureVerb>(registry, verb, description).Does((capability, context, _) => capability.Draw(context));

    /// <summary>Parses and runs; a command line System.CommandLine rejects is a usage error (exit code 2) like ours.</summary>
    public static int Run(string[] args, FamilyRegistry? registry = null)
    {
        var result = Build(registry).Parse(args);
        if (result.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var error in result.Errors)
            {
                Terminal.Error(error.Message);
            }

            return Terminal.UsageError;
        }

        return result.Invoke();
    }
}
