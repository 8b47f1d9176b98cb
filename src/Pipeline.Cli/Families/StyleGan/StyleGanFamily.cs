using Pipeline.Application.Settings;
using Pipeline.Application.StyleGan;
using Pipeline.Cli.Families.Gan;
using Pipeline.Inference.Pictures;
using Pipeline.Training.StyleGan;
using static Pipeline.Application.Settings.SampleSettings;
using static Pipeline.Application.Settings.StyleGanSettings;

namespace Pipeline.Cli.Families.StyleGan;

/// <summary>StyleGAN2 (mapping network, modulated convolutions, lazy R1 and path-length regularisation), conditional or not.</summary>
internal static class StyleGanFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        StyleGanRunConfig.RunKind,
        "StyleGAN2 generator",
        [
            TrainSubcommand.Create("stylegan", "Train a StyleGAN2 (Karras et al. 2020) on Fashion-MNIST padded to 32x32, another IDX set or an image folder.",
                StyleGanSettings.Training, StyleGanSettings.Config, _ => new StyleGanTrainingPlan(), "StyleGAN2", outputs: ("fixed-latent samples", "images")),
        ],
        [
            new SampleVerb(Sample, Labels, Truncation, Format, TruncationSweep),
            GanVerbs.Evaluate(
                c => With(c, (gan, psi) => StyleGanOperations.Evaluate(gan, c.Device, c.Get(Classifier), c.Get(EvaluationCount), psi, c.Seed, Terminal.Notes)),
                Classifier, EvaluationCount, Truncation),
            new PictureVerb("interpolate", c => With(c, (gan, psi) => StyleGanOperations.Interpolate(gan, c.Device, c.Get(WalkRows), c.Get(WalkSteps), psi, c.Seed, c.Output)), WalkSteps, WalkRows, Truncation),
            new PictureVerb("mix", c => With(c, (gan, psi) => StyleGanOperations.Mix(gan, c.Device, c.Get(SourcesAcross), c.Get(SourcesDown), psi, c.Seed, c.Output)), SourcesAcross, SourcesDown, Truncation),
            new ExportVerb((c, folder, opset) => TrainedStyleGan.Load(c.Path, TorchSharp.torch.CPU).Use(gan => StyleGanOperations.Export(gan, folder, opset: opset))),
        ]);

    // sample: the grid (and/or IDX files), or with --truncation-sweep the sweep picture.
    private static IEnumerable<Picture> Sample(VerbContext c, int count)
    {
        CliError.Check(() => Psi(c));
        if (!c.Get(TruncationSweep))
        {
            return With(c, (gan, psi) => StyleGanOperations.Sample(gan, c.Device, count, c.Get(Labels), psi, c.Seed, Formats(c).Png, Formats(c).Idx, c.Output));
        }

        if (c.Given(Truncation) || c.Given(Format))
        {
            throw new CliError("--truncation-sweep draws every ψ itself as a PNG: it takes neither --truncation nor --format.");
        }

        return [With(c, (gan, _) => StyleGanOperations.TruncationSweep(gan, c.Device, count, c.Get(Labels), c.Seed, c.Output))];
    }

    // The verb's call on the run's StyleGAN with ψ checked first, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedStyleGan, double, T> call)
    {
        var psi = CliError.Check(() => Psi(context));
        return TrainedStyleGan.Load(context.Path, context.Device).Use(gan => call(gan, psi));
    }
}
