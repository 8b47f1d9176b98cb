using Pipeline.Application.Gans;
using Pipeline.Application.Settings;
using Pipeline.Training.Gans;
using static Pipeline.Application.Settings.GanSettings;
using static Pipeline.Application.Settings.SampleSettings;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Gan;

/// <summary>GANs, unconditional (DCGAN) and class-conditional (CBN generator, projection discriminator): one run kind, two train subcommands.</summary>
internal static class GanFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        GanRunConfig.RunKind,
        "generative adversarial network",
        [
            Train("gan", false, "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder."),
            Train("cgan", true, "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."),
        ],
        [
            new SampleVerb((c, n) => With(c, gan => GanOperations.Sample(gan, c.Device, n, c.Get(Labels), c.Get(Truncation), c.Seed, Formats(c).Png, Formats(c).Idx, c.Output)), Labels, Truncation, Format),
            GanVerbs.Evaluate(
                c => With(c, gan => GanOperations.Evaluate(gan, c.Device, c.Get(Classifier), c.Get(EvaluationCount), c.Get(Truncation), c.Seed, Terminal.Notes)),
                Classifier, EvaluationCount, Truncation),
            GanVerbs.Interpolate((c, steps, slerp, psi) => With(c, gan => GanOperations.Interpolate(gan, c.Device, steps, slerp, c.Seed, psi, c.Output)), Truncation),
            GanVerbs.Arithmetic((c, classifier, triples, samples) => With(c, gan => GanOperations.Arithmetic(gan, c.Device, classifier, triples, samples, c.Seed, c.Output, Terminal.Notes)), Classifier),
            GanVerbs.Neighbours((c, rows, k) => With(c, gan => GanOperations.Neighbours(gan, c.Device, rows, k, c.Seed, c.Output))),
            new ExportVerb((c, folder, opset) => TrainedGan.Load(c.Path, CPU).Use(gan => GanOperations.Export(gan, folder, opset))),
        ]);

    private static Command Train(string name, bool conditional, string description) => TrainSubcommand.Create(name, description, GanSettings.Training,
        v => Config(v, conditional), _ => new GanTrainingPlan(Terminal.Warnings), "GAN", outputs: ("fixed-noise samples", "images"));

    // The verb's call on the run's GAN, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedGan, T> call) => TrainedGan.Load(context.Path, context.Device).Use(call);
}
