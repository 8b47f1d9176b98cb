using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Families.Vae;

/// <summary>The variational autoencoder (Kingma and Welling 2014): <c>train vae</c> and the verbs on its runs.</summary>
internal sealed class VaeFamily : IModelFamily
{
    public string Kind => VaeRunConfig.RunKind;

    public string Description => "variational autoencoder";

    public IReadOnlyList<Command> TrainCommands { get; } = [VaeTraining.Create()];

    public IReadOnlyList<ICapability> Capabilities { get; } =
    [
        new VaeSample(), new VaeEvaluate(), new VaeReconstruct(), new VaeTraverse(), new VaeEdit(), new VaeExport(), new VaeDemo(),
    ];

    /// <summary>The trained VAE of the verb's run, on the verb's device.</summary>
    public static TrainedVae Load(VerbContext context) => TrainedVae.Load(context.Path, context.Device);
}
