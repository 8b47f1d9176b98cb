using System.CommandLine;
using Pipeline.Training.Loop;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary><c>train cyclegan</c>, <c>train pix2pix</c> and <c>train superres</c>.</summary>
internal static class TranslationTraining
{
    /// <summary>Exit code of a run stopped because a loss became non-finite (as for GANs).</summary>
    public const int Diverged = 3;

    public static Command Create(TranslationRecipeKind recipe)
    {
        var settings = new TranslationTrainSettings(recipe);
        return TrainSubcommand.Create(
            TranslationFamily.Subcommand(recipe),
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
                var result = TranslationJobs.Train(config, context.Path, resume, context.Device, context.Cancellation);
                return result.Outcome == TrainingOutcome.Diverged ? Diverged : 0;
            });
    }
}
