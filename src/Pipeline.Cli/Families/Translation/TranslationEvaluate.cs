using System.CommandLine;
using Pipeline.Application.Translation;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// <c>evaluate</c> on a translation run: L1/PSNR/SSIM against the truth next to a baseline (paired recipes), cycle L1
/// and target-class shares judged by the project's classifier (CycleGAN).
/// </summary>
internal sealed class TranslationEvaluate : IEvaluate
{
    public string Measures => "pix2pix and super-resolution: L1, PSNR and SSIM beside a baseline (bicubic; --baseline for pix2pix); CycleGAN: cycle L1 and target-class shares";

    private readonly Option<string?> _classifier = new("--classifier") { Description = "folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
    private readonly Option<string?> _baseline = new("--baseline") { Description = "translation, pix2pix: an L1-only run (`train pix2pix --l1-only`) on the same data, measured beside it" };
    private readonly Option<int?> _testImages = new Option<int?>("--test-images") { Description = "translation: evaluate on the first N test images of each domain (default: all)" }.AtLeastWhenGiven(1);

    public IReadOnlyList<Option> Options => [_classifier, _baseline, _testImages];

    public void Evaluate(VerbContext context)
    {
        using var model = TranslationFamily.Load(context);
        var report = TranslationOperations.Evaluate(model, context.Device, context.Value(_testImages), context.Value(_baseline), context.Value(_classifier), context.Seed, Terminal.Notes);
        var (config, result) = (model.Config, report.Evaluation);
        Terminal.Summary($"{config.Recipe} evaluation ({model.Run.Id}, step {model.Step}, {result.Images} test images)", TranslationFigures.Rows(config, result));
        Terminal.Wrote("evaluation", report.Path);
        if (config.Recipe == TranslationRecipeKind.Pix2Pix && context.Value(_baseline) is null)
        {
            Terminal.Info("no baseline given: train `pix2pix --l1-only` on the same data and pass it with --baseline RUN");
        }

        Terminal.Wrote("run page", model.Run.File(TranslationPage.FileName));
    }
}
