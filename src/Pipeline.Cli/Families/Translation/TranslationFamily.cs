using System.CommandLine;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// Image-to-image translators: CycleGAN (unpaired), pix2pix (paired) and super-resolution, one run kind with three
/// train subcommands (the config's recipe says which).
/// </summary>
internal sealed class TranslationFamily : IModelFamily
{
    public string Kind => TranslationRunConfig.RunKind;

    public string Description => "image-to-image translator (CycleGAN, pix2pix, super-resolution)";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        TranslationTraining.Create(TranslationRecipeKind.CycleGan), TranslationTraining.Create(TranslationRecipeKind.Pix2Pix), TranslationTraining.Create(TranslationRecipeKind.SuperResolution),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; } = [new TranslationEvaluate(), new TranslationExport(), new TranslationTranslate()];

    /// <summary>The translator of the verb's run, on the verb's device.</summary>
    public static TrainedTranslator Load(VerbContext context) => TrainedTranslator.Load(context.Path, context.Device);
}
