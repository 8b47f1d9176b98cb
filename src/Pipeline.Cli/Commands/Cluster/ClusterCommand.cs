namespace Pipeline.Cli.Commands.Cluster;

/// <summary><c>cluster silo|run|status</c>: batch inference on exported models across a Microsoft Orleans cluster.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Batch generation and translation with exported ONNX models across a Microsoft Orleans cluster (no TorchSharp on the silos).");
        command.Subcommands.Add(ClusterSiloCommand.Create());
        command.Subcommands.Add(ClusterRunCommand.Create());
        command.Subcommands.Add(ClusterStatusCommand.Create());
        return command;
    }
}
