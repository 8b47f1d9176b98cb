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
            new PictureVerb("interpolate", c => With(c, gan => GanOperations.Interpolate(gan, c.Device, c.Get(WalkSteps), c.Get(Spherical), c.Seed, c.Get(Truncation), c.Output)), WalkSteps, Spherical, Truncation),
            new PictureVerb("arithmetic", c => With(c, gan => GanOperations.Arithmetic(gan, c.Device, c.Get(Classifier), [.. c.Get(Triples).Select(ParseTriple)], c.Get(MeanSamples), c.Seed, c.Output, Terminal.Notes)),
                Triples, MeanSamples, Classifier),
            new PictureVerb("neighbours", c => With(c, gan => GanOperations.Neighbours(gan, c.Device, c.Get(NeighbourRows), c.Get(Neighbours), c.Seed, c.Output)), NeighbourRows, Neighbours),
            new ExportVerb((c, folder, opset) => TrainedGan.Load(c.Path, CPU).Use(gan => GanOperations.Export(gan, folder, opset))),
        ]);

    private static Command Train(string name, bool conditional, string description) => TrainSubcommand.Create(name, description, GanSettings.Training,
        v => Config(v, conditional), _ => new GanTrainingPlan(Terminal.Warnings), "GAN", outputs: ("fixed-noise samples", "images"));

    // The verb's call on the run's GAN, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedGan, T> call) => TrainedGan.Load(context.Path, context.Device).Use(call);
}
