using System.CommandLine;
using Pipeline.Application.Training;
using Pipeline.Application.Translation;
using Pipeline.Cli.Console;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary><c>train cyclegan</c>, <c>train pix2pix</c> and <c>train superres</c>.</summary>
internal static class TranslationTraining
{
    public static Command Create(TranslationRecipeKind recipe)
    {
        var settings = new TranslationTrainSettings(recipe);
        var name = TranslationOperations.Name(recipe);
        return TrainSubcommand.Create(
            name,
            recipe switch
            {
                TranslationRecipeKind.CycleGan => "Train CycleGAN (Zhu et al. 2017) on unpaired domains: CycleGAN's trainA/ trainB/ testA/ testB/ folders, or Fashion-MNIST sneaker ↔ ankle boot.",
                TranslationRecipeKind.Pix2Pix => "Train pix2pix (Isola et al. 2017) on pairs: A|B images, two folders matched by name, or Fashion-MNIST edges → item; --l1-only trains the L1 baseline.",
                _ => "Train a small SRGAN (Ledig et al. 2017) for 4x (7 → 28) or 2x (14 → 28) super-resolution of Fashion-MNIST.",
            },
            settings.All,
            (context, resume) =>
            {
                var config = settings.ToConfig(context.Parse, context.Seed, context.DeviceName, context.Threads);
                var session = TranslationOperations.OpenTraining(new TrainingRequest<TranslationRunConfig>(config, context.Path, resume, context.Device), Terminal.Notes);
                var code = TrainSubcommand.Train(context, session, name, name, outputs: ("panels", session.Run.File("images")));
                if (TranslationOperations.WritePageIfTrained(context.Path) is { } page)
                {
                    Terminal.Wrote("run page", page);
                }

                return code;
            });
    }
}
