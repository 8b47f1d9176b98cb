namespace Pipeline.Cli.Families.Exported;

/// <summary><c>translate</c> with an exported translator: LoadImages → ResizeImages → TranslateImages in ML.NET, each output written atomically.</summary>
internal sealed class ExportedTranslate : ITranslate
{
    private readonly Option<int> _batch = new Option<int>("--batch-size") { Description = "images per ONNX Runtime call", DefaultValueFactory = _ => 16 }.AtLeast(1);

    public IReadOnlyList<Option> Options => [_batch];

    public void Translate(VerbContext context, TranslateRequest request) =>
        TranslateJob.Run(context.Path, request, context.Value(_batch), context.OnnxRuntime);
}
