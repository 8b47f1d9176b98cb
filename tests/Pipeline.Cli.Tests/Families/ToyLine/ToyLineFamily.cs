using System.CommandLine;
using Pipeline.Cli.Families;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Application.Settings;
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
        // The config's defaults are the options' defaults; the shared loop settings bring their guards.
        var loop = new RecordSettings<ToyLineRunConfig>(new(Steps: 40, BatchSize: 16, LearningRate: 0.1, LogEvery: 10, CheckpointEvery: 10, Seed: 0));
        return TrainSubcommand.Create(
            "toyline",
            "Fit y = 3x + 1 (a test family).",
            [loop.Steps(o => o.Steps, "SGD steps"), loop.BatchSize(o => o.BatchSize), loop.LearningRate(o => o.LearningRate, "SGD step size"),
                loop.LogEvery(o => o.LogEvery, "steps per metrics line", minimum: 1), loop.CheckpointEvery(o => o.CheckpointEvery, "steps between checkpoints")],
            v => loop.Apply(v) with { Seed = v.Get(RuntimeSettings.Seed) },
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
