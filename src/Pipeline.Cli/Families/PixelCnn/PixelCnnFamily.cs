using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary>The gated PixelCNN over pixels (van den Oord et al. 2016): <c>train pixelcnn</c> and the verbs on its runs.</summary>
internal sealed class PixelCnnFamily : IModelFamily
{
    public string Kind => PixelCnnRunConfig.RunKind;

    public string Description => "gated PixelCNN over pixels (autoregressive, exact likelihood)";

    public IReadOnlyList<Command> TrainCommands { get; } = [PixelCnnTraining.Create()];

    public IReadOnlyList<ICapability> Capabilities { get; } = [new PixelCnnSample(), new PixelCnnEvaluate(), new PixelCnnExport()];

    /// <summary>The trained PixelCNN of the verb's run, on the verb's device.</summary>
    public static TrainedPixelCnn Load(VerbContext context) => TrainedPixelCnn.Load(context.Path, context.Device);
}
