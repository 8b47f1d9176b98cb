using Pipeline.Application.Settings;
using Pipeline.Application.Translation;
using Pipeline.Cli.Families.Exported;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// <c>translate</c> on a translation run: the run's generator is exported (verified) into RUN/onnx/ when that export
/// is missing or older than the checkpoint, then the folder goes through ML.NET exactly as with an exported model.
/// </summary>
internal sealed class TranslationTranslate : ITranslate
{
    public IReadOnlyList<Option> Options { get; } = [TranslationSettings.BatchSize.ToOption(), TranslationSettings.Direction.ToOption()];

    public void Translate(VerbContext context, TranslateRequest request)
    {
        var recipe = RunFolder.Open(context.Path).ReadConfig<TranslationRunConfig>().Recipe;
        var direction = context.Get(TranslationSettings.Direction);
        if (direction == TranslationExport.Backward && recipe != TranslationRecipeKind.CycleGan)
        {
            throw new CliError($"--direction {TranslationExport.Backward}: a {recipe} run translates one way only ({TranslationExport.Forward}).");
        }

        var (file, export) = TranslationOperations.CurrentExport(context.Path, direction, Terminal.Notes);
        if (export is not null)
        {
            ModelCards.Show(export);
        }

        TranslateJob.Run(file, request, context.Get(TranslationSettings.BatchSize));
    }
}
