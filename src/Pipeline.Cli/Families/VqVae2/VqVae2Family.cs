using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>VQ-VAE-2 (Razavi et al. 2019): <c>train vqvae2</c> and the verbs on its runs.</summary>
internal sealed class VqVae2Family : IModelFamily
{
    public string Kind => VqVae2RunConfig.RunKind;

    public string Description => "VQ-VAE-2 (two-level vector-quantised autoencoder)";

    public IReadOnlyList<Command> TrainCommands { get; } = [VqVae2Training.Create(), VqVae2PriorTraining.Create()];

    public IReadOnlyList<ICapability> Capabilities { get; } =
    [
        new VqVae2Evaluate(), new VqVae2Reconstruct(), new VqVae2Export(), new VqVae2ExtractCodes(), new VqVae2Sample(),
    ];

    /// <summary>The trained model of the verb's run, on the verb's device.</summary>
    public static TrainedVqVae2 Load(VerbContext context) => TrainedVqVae2.Load(context.Path, context.Device);
}
