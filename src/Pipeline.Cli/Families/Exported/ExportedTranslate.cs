namespace Pipeline.Cli.Families.Exported;

/// <summary><c>translate</c> with an exported translator: LoadImages → ResizeImages → TranslateImages in ML.NET, each output written atomically.</summary>
internal sealed class ExportedTranslate : ITranslate
{
    public IReadOnlyList<Option> Options { get; } = [Pipeline.Application.Settings.TranslationSettings.BatchSize.ToOption()];

    public void Translate(VerbContext context, TranslateRequest request) =>
        TranslateJob.Run(context.Path, request, context.Get(Pipeline.Application.Settings.TranslationSettings.BatchSize), context.OnnxRuntime);
}
