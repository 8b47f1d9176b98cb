using Pipeline.Application.Settings;
using Pipeline.Application.Vae;
using Pipeline.Training.Vae;
using static Pipeline.Application.Settings.VaeSettings;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Vae;

/// <summary>The variational autoencoder (Kingma and Welling 2014): <c>train vae</c> and the verbs on its runs.</summary>
internal static class VaeFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        VaeRunConfig.RunKind,
        "variational autoencoder",
        [
            TrainSubcommand.Create("vae", "Train a variational autoencoder (Kingma and Welling 2014) on Fashion-MNIST, another IDX set or an image folder.",
                VaeSettings.Training, Config, _ => VaeTrainingPlan.Instance, "VAE", Row),
        ],
        [
            new SampleVerb((c, count) => [With(c, vae => VaeOperations.Sample(vae, c.Device, count, c.Get(Temperature), c.Seed, c.Output))], Temperature),
            new EvaluateVerb<VaeEvaluation>(
                "test -ELBO and importance-weighted -log p(x)",
                c => With(c, vae => VaeOperations.Evaluate(vae, c.Device, c.Get(ImportanceSamples), c.Get(ImportanceImages), c.Seed)),
                ImportanceSamples, ImportanceImages),
            new ReconstructVerb((c, images) => With(c, vae => VaeOperations.Reconstruct(vae, c.Device, images, c.Output))),
            new PictureVerb("traverse", c => With(c, vae => VaeOperations.Traverse(vae, c.Device, CliError.Check(() => Dimension(vae.Config.Model.LatentSize, c.Get(Dimensions))), c.Get(Dimensions)[1], c.Get(Steps), c.Get(Extent), c.Get(Spacing), c.Get(Anchor), c.Output)),
                Dimensions, Steps, Extent, Spacing, Anchor),
            new PictureVerb("edit", c => With(c, vae => VaeOperations.Edit(vae, c.Device, c.Get(EditImages), CliError.Check(() => Edits(vae.Config.Model.LatentSize, c.Get(Shifts))), c.Output)), Shifts, EditImages),
            new ExportVerb((c, folder, opset) => TrainedVae.Load(c.Path, CPU).Use(vae => VaeOperations.Export(vae, folder, opset))),
            new VaeDemo(),
        ]);

    /// <summary>A metrics line as a table row.</summary>
    public static (string Name, string Value) Row(VaeEpochMetrics m) =>
        ($"epoch {m.Epoch:F2}", $"train -ELBO {m.TrainNegElbo:F2}  test -ELBO {m.TestNegElbo:F2} (rec {m.TestReconstruction:F2} + KL {m.TestKl:F2})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s");

    // The verb's call on the run's VAE, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedVae, T> call) => TrainedVae.Load(context.Path, context.Device).Use(call);
}
