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
        root.Subcommands.Add(FamilyVerbs.Demo(registry));
        root.Subcommands.Add(FamilyVerbs.Train(registry));
        root.Subcommands.Add(FamilyVerbs.Evaluate(registry));
        root.Subcommands.Add(FamilyVerbs.Sample(registry));
        root.Subcommands.Add(FamilyVerbs.Picture(registry, "traverse", "Sweep two latent dimensions over a grid with the others fixed; with a 2-D latent this draws the learned manifold."));
        root.Subcommands.Add(FamilyVerbs.Picture(registry, "edit", "Encode test images, shift chosen latent dimensions, decode"));
        root.Subcommands.Add(FamilyVerbs.Reconstruct(registry));
        root.Subcommands.Add(FamilyVerbs.Picture(registry, "interpolate", "Walk between two latents, linearly or on the sphere (slerp); a conditional GAN draws the same walk for every class, one row each."));
        root.Subcommands.Add(FamilyVerbs.Picture(registry, "arithmetic", "Mean latent of each class (as the classifier sees the samples) and a - b + c, one row per triple"));
        root.Subcommands.Add(FamilyVerbs.Picture(registry, "mix", "Style mixing: sources A across, sources B down, each cell an A with one band of styles (coarse, middle or fine) copied from its row's B."));
        root.Subcommands.Add(FamilyVerbs.Picture(registry, "neighbours", "Each generated image beside its k nearest training images in pixel L2, to show the generator is not copying its data."));
        root.Subcommands.Add(FamilyVerbs.Translate(registry));
        root.Subcommands.Add(FamilyVerbs.Export(registry));
        root.Subcommands.Add(FamilyVerbs.ExtractCodes(registry));
        root.Subcommands.Add(OnnxFileCommands.Inspect());
        root.Subcommands.Add(OnnxFileCommands.Optimize());
        root.Subcommands.Add(ModelFolderCommands.Models());
        root.Subcommands.Add(AdoptCommand.Create());
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(ModelFolderCommands.Serve());
        return root;
    }

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
