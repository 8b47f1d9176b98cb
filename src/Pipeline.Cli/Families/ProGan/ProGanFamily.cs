using Pipeline.Application.ProGan;
using Pipeline.Application.Settings;
using Pipeline.Cli.Families.Gan;
using Pipeline.Training.ProGan;
using static Pipeline.Application.Settings.ProGanSettings;
using static Pipeline.Application.Settings.SampleSettings;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.ProGan;

/// <summary>Progressive GANs: <c>train progan</c>, and sample, evaluate, the latent pictures and export on its runs.</summary>
internal static class ProGanFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        ProGanRunConfig.RunKind,
        "progressive GAN",
        [
            TrainSubcommand.Create(
                "progan",
                "Train a Progressive GAN (growing 4x4 → full size with fade-in; class-conditional by default) on Fashion-MNIST padded to 32x32, another IDX set or an image folder.",
                ProGanSettings.Training, Config, _ => new ProGanTrainingPlan(), "Progressive GAN", outputs: ("fixed-noise samples at each stage", "images")),
        ],
        [
            new SampleVerb((c, n) => With(c, gan => ProGanOperations.Sample(gan, c.Device, n, c.Get(Labels), c.Get(Truncation), c.Seed, Formats(c).Png, Formats(c).Idx, c.Output)), Labels, Truncation, Format),
            GanVerbs.Evaluate(
                c => With(c, gan => ProGanOperations.Evaluate(gan, c.Device, c.Get(Classifier), c.Get(EvaluationCount), c.Get(Truncation), c.Seed, Terminal.Notes)),
                Classifier, EvaluationCount, Truncation),
            GanVerbs.Interpolate((c, steps, slerp, psi) => With(c, gan => ProGanOperations.Interpolate(gan, c.Device, steps, slerp, c.Seed, psi, c.Output)), Truncation),
            GanVerbs.Arithmetic((c, classifier, triples, samples) => With(c, gan => ProGanOperations.Arithmetic(gan, c.Device, classifier, triples, samples, c.Seed, c.Output, Terminal.Notes)), Classifier),
            GanVerbs.Neighbours((c, rows, k) => With(c, gan => ProGanOperations.Neighbours(gan, c.Device, rows, k, c.Seed, c.Output))),
            new ExportVerb((c, folder, opset) => TrainedProGan.Load(c.Path, CPU).Use(gan => ProGanOperations.Export(gan, folder, opset))),
        ]);

    // The verb's call on the run's generator, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedProGan, T> call) => TrainedProGan.Load(context.Path, context.Device).Use(call);
}
