using Pipeline.Application.Translation;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// Image-to-image translators: CycleGAN (unpaired), pix2pix (paired) and super-resolution, one run kind with three
/// train subcommands (the config's recipe says which).
/// </summary>
internal sealed class TranslationFamily : IModelFamily
{
    public TranslationFamily()
    {
        var judge = new Option<string?>("--classifier") { Description = "folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
        var baseline = new Option<string?>("--baseline") { Description = "translation, pix2pix: an L1-only run (`train pix2pix --l1-only`) on the same data, measured beside it" };
        var testImages = new Option<int?>("--test-images") { Description = "translation: evaluate on the first N test images of each domain (default: all)" }.AtLeastWhenGiven(1);
        Capabilities =
        [
            new EvaluateVerb<TranslationEvaluationResult>(
                "pix2pix and super-resolution: L1, PSNR and SSIM beside a baseline (bicubic; --baseline for pix2pix); CycleGAN: cycle L1 and target-class shares",
                c => TrainedTranslator.Load(c.Path, c.Device).Use(model => TranslationOperations.Evaluate(model, c.Device, c.Value(testImages), c.Value(baseline), c.Value(judge), c.Seed, Terminal.Notes)),
                [judge, baseline, testImages],
                (c, report) =>
                {
                    if (report.Evaluation.Recipe == TranslationRecipeKind.Pix2Pix && c.Value(baseline) is null)
                    {
                        Terminal.Info("no baseline given: train `pix2pix --l1-only` on the same data and pass it with --baseline RUN");
                    }

                    Terminal.Wrote("run page", RunFolder.Open(c.Path).File(TranslationPage.FileName));
                }),
            new ExportVerb((c, folder, opset) => TrainedTranslator.Load(c.Path, CPU).Use(model => TranslationOperations.Export(model, folder, opset))),
            new TranslationTranslate(),
        ];
    }

    public string Kind => TranslationRunConfig.RunKind;

    public string Description => "image-to-image translator (CycleGAN, pix2pix, super-resolution)";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        TranslationTraining.Create(TranslationRecipeKind.CycleGan), TranslationTraining.Create(TranslationRecipeKind.Pix2Pix), TranslationTraining.Create(TranslationRecipeKind.SuperResolution),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; }
}
