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
        root.Subcommands.Add(TraverseCommand.Create(registry));
        root.Subcommands.Add(EditCommand.Create(registry));
        root.Subcommands.Add(ReconstructCommand.Create(registry));
        root.Subcommands.Add(InterpolateCommand.Create(registry));
        root.Subcommands.Add(ArithmeticCommand.Create(registry));
        root.Subcommands.Add(MixCommand.Create(registry));
        root.Subcommands.Add(NeighboursCommand.Create(registry));
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
