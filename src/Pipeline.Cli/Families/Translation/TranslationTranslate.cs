using System.CommandLine;
using Pipeline.Application.Translation;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Families.Exported;
using Pipeline.Cli.Options;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// <c>translate</c> on a translation run: the run's generator is exported (verified) into RUN/onnx/ when that export
/// is missing or older than the checkpoint, then the folder goes through ML.NET exactly as with an exported model.
/// </summary>
internal sealed class TranslationTranslate : ITranslate
{
    private readonly Option<int> _batch = new Option<int>("--batch-size") { Description = "images per ONNX Runtime call", DefaultValueFactory = _ => 16 }.AtLeast(1);
    private readonly Option<string> _direction = new Option<string>("--direction") { Description = "translation: a2b (A → B, the default) or b2a (CycleGAN's other generator)", DefaultValueFactory = _ => TranslationExport.Forward }
        .AcceptOnlyFromAmong(TranslationExport.Forward, TranslationExport.Backward);

    public IReadOnlyList<Option> Options => [_batch, _direction];

    public void Translate(VerbContext context, TranslateRequest request)
    {
        var run = RunFolder.Open(context.Path);
        var config = run.ReadConfig<TranslationRunConfig>();
        var direction = context.Value(_direction);
        if (direction == TranslationExport.Backward && config.Recipe != TranslationRecipeKind.CycleGan)
        {
            throw new CliError($"--direction {TranslationExport.Backward}: a {config.Recipe} run translates one way only ({TranslationExport.Forward}).");
        }

        var folder = run.File("onnx");
        var file = Path.Combine(folder, TranslationExport.FileName(config, direction));
        if (!File.Exists(file) || File.GetLastWriteTimeUtc(file) < File.GetLastWriteTimeUtc(run.LastCheckpointPath))
        {
            Terminal.Info($"exporting the run's last checkpoint to {folder} first");
            ModelCards.Show(TranslationFamily.Export(run.Path, folder, Pipeline.Onnx.OnnxVersions.DefaultOpset));
        }

        TranslateJob.Run(file, request, context.Value(_batch));
    }
}
