using System.CommandLine;
using Pipeline.Cli.Families;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Export;
using static TorchSharp.torch;

namespace Pipeline.Cli.Tests.Families.ToyLine;

/// <summary>The toy line as the CLI sees it: <c>train toyline</c> through the generic train subcommand, and <c>export</c>.</summary>
internal sealed class ToyLineFamily : IModelFamily
{
    public string Kind => ToyLineRunConfig.RunKind;

    public string Description => "a trainable, exportable family for tests";

    public IReadOnlyList<Command> TrainCommands { get; } = [CreateTrain()];

    public IReadOnlyList<ICapability> Capabilities { get; } = [new ToyLineExport()];

    private static Command CreateTrain()
    {
        var steps = LoopOptions.Steps(40, "SGD steps");
        var batchSize = LoopOptions.BatchSize(16);
        var learningRate = LoopOptions.LearningRate(0.1, "SGD step size");
        var logEvery = LoopOptions.LogEvery(10, "steps per metrics line", minimum: 1);
        var checkpointEvery = LoopOptions.CheckpointEvery(10, "steps between checkpoints");
        return TrainSubcommand.Create(
            "toyline",
            "Fit y = 3x + 1 (a test family).",
            [steps, batchSize, learningRate, logEvery, checkpointEvery],
            context => new ToyLineRunConfig(context.Value(steps), context.Value(batchSize), context.Value(learningRate), context.Value(logEvery), context.Value(checkpointEvery), context.Seed),
            _ => new ToyLinePlan(),
            "toy line");
    }

    private sealed class ToyLineExport : IExport
    {
        public void Export(VerbContext context, string folder, int opset)
        {
            using var line = TrainedToyLine.Load(context.Path, CPU);
            OnnxExporter.Export(line.Model, new OnnxExportOptions
            {
                OutputPath = Path.Combine(folder, "line.onnx"),
                Inputs = [OnnxTensorSpec.Batched("x", 1)],
                OutputNames = ["y"],
                Opset = opset,
            });
        }
    }
}
