using Pipeline.Application.Settings;
using Pipeline.Application.Training;
using Pipeline.Application.Translation;
using Pipeline.Cli.Families.Exported;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;
using static Pipeline.Application.Settings.TranslationSettings;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// Image-to-image translators: CycleGAN (unpaired), pix2pix (paired) and super-resolution, one run kind with three
/// train subcommands (the config's recipe says which).
/// </summary>
internal static class TranslationFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        TranslationRunConfig.RunKind,
        "image-to-image translator (CycleGAN, pix2pix, super-resolution)",
        [
            Train(TranslationRecipeKind.CycleGan, "Train CycleGAN (Zhu et al. 2017) on unpaired domains: CycleGAN's trainA/ trainB/ testA/ testB/ folders, or Fashion-MNIST sneaker ↔ ankle boot."),
            Train(TranslationRecipeKind.Pix2Pix, "Train pix2pix (Isola et al. 2017) on pairs: A|B images, two folders matched by name, or Fashion-MNIST edges → item; --l1-only trains the L1 baseline."),
            Train(TranslationRecipeKind.SuperResolution, "Train a small SRGAN (Ledig et al. 2017) for 4x (7 → 28) or 2x (14 → 28) super-resolution of Fashion-MNIST."),
        ],
        [
            new EvaluateVerb<TranslationEvaluationResult>(
                "pix2pix and super-resolution: L1, PSNR and SSIM beside a baseline (bicubic; --baseline for pix2pix); CycleGAN: cycle L1 and target-class shares",
                c => TrainedTranslator.Load(c.Path, c.Device).Use(model => TranslationOperations.Evaluate(model, c.Device, c.Get(TestImages), c.Get(Baseline), c.Get(Classifier), c.Seed, Terminal.Notes)),
                Classifier, Baseline, TestImages)
            {
                Then = (c, report) =>
                {
                    if (report.Evaluation.Recipe == TranslationRecipeKind.Pix2Pix && c.Get(Baseline) is null)
                    {
                        Terminal.Info("no baseline given: train `pix2pix --l1-only` on the same data and pass it with --baseline RUN");
                    }

                    Terminal.Wrote("run page", RunFolder.Open(c.Path).File(TranslationPage.FileName));
                },
            },
            new ExportVerb((c, folder, opset) => TrainedTranslator.Load(c.Path, CPU).Use(model => TranslationOperations.Export(model, folder, opset))),
            new TranslateVerb(Translate, BatchSize, Direction),
        ]);

    // `train cyclegan|pix2pix|superres`: the shared training job, then the run page once the run has trained.
    private static Command Train(TranslationRecipeKind recipe, string description)
    {
        var settings = new TranslationSettings(recipe);
        var name = TranslationOperations.Name(recipe);
        return TrainSubcommand.Create(name, description, settings.All.ToOptions(), (context, resume) =>
        {
            var config = CliError.Check(() => settings.Config(context));
            var session = TranslationOperations.OpenTraining(new TrainingRequest<TranslationRunConfig>(config, context.Path, resume, context.Device), Terminal.Notes);
            var code = TrainSubcommand.Train(context, session, name, name, outputs: ("panels", session.Run.File("images")));
            if (TranslationOperations.WritePageIfTrained(context.Path) is { } page)
            {
                Terminal.Wrote("run page", page);
            }

            return code;
        });
    }

    // translate on a run: its generator is exported (verified) into RUN/onnx/ when that export is missing or older than
    // the checkpoint, then the folder goes through ML.NET exactly as with an exported model.
    private static void Translate(VerbContext context, TranslateRequest request)
    {
        var recipe = RunFolder.Open(context.Path).ReadConfig<TranslationRunConfig>().Recipe;
        var direction = context.Get(Direction);
        if (direction == TranslationExport.Backward && recipe != TranslationRecipeKind.CycleGan)
        {
            throw new CliError($"--direction {TranslationExport.Backward}: a {recipe} run translates one way only ({TranslationExport.Forward}).");
        }

        var (file, export) = TranslationOperations.CurrentExport(context.Path, direction, Terminal.Notes);
        if (export is not null)
        {
            ModelCards.Show(export);
        }

        TranslateJob.Run(file, request, context.Get(BatchSize));
    }
}
