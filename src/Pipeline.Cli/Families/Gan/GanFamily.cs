using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.Gans;

namespace Pipeline.Cli.Families.Gan;

/// <summary>GANs, unconditional (DCGAN) and class-conditional (CBN generator, projection discriminator): one run kind, two train subcommands.</summary>
internal sealed class GanFamily : IModelFamily
{
    public string Kind => GanRunConfig.RunKind;

    public string Description => "generative adversarial network";

    public IReadOnlyList<Command> TrainCommands { get; } = [GanTraining.Create(conditional: false), GanTraining.Create(conditional: true)];

    public IReadOnlyList<ICapability> Capabilities { get; } =
    [
        new GanSample(), new GanEvaluate(), new GanInterpolate(), new GanArithmetic(), new GanNeighbours(), new GanExport(),
    ];

    /// <summary>The trained GAN of the verb's run, on the verb's device.</summary>
    public static TrainedGan Load(VerbContext context) => TrainedGan.Load(context.Path, context.Device);

    /// <summary>--classifier: the judging classifier's folder, shared by the verbs that need one.</summary>
    public static Option<string?> ClassifierOption() => new("--classifier") { Description = "GAN: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };

    /// <summary>--truncation: the truncation trick's threshold, shared by the verbs that draw latents.</summary>
    public static Option<double?> TruncationOption() => new("--truncation") { Description = "GAN: resample latent entries beyond this threshold (truncation trick)" };
}
