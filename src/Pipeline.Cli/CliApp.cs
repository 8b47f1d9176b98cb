using System.CommandLine;
using Pipeline.Cli.Commands;

namespace Pipeline.Cli;

/// <summary>The command tree; a class rather than top-level statements so tests can run commands in-process.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Generative image models: train in TorchSharp, export to ONNX, run in ML.NET pipelines.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(TraverseCommand.Create());
        root.Subcommands.Add(EditCommand.Create());
        root.Subcommands.Add(ReconstructCommand.Create());
        root.Subcommands.Add(InterpolateCommand.Create());
        root.Subcommands.Add(ArithmeticCommand.Create());
        root.Subcommands.Add(NeighboursCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        return root;
    }

    public static int Run(string[] args) => Build().Parse(args).Invoke();
}
