using Pipeline.Application.Settings;
using Pipeline.Application.Vae;
using Pipeline.Training.Vae;
using static Pipeline.Application.Settings.VaeSettings;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Vae;

/// <summary>The variational autoencoder (Kingma and Welling 2014): <c>train vae</c> and the verbs on its runs.</summary>
internal sealed class VaeFamily : IModelFamily
{
    public string Kind => VaeRunConfig.RunKind;

    public string Description => "variational autoencoder";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        TrainSubcommand.Create("vae", "Train a variational autoencoder (Kingma and Welling 2014) on Fashion-MNIST, another IDX set or an image folder.",
            VaeSettings.Training, Config, _ => VaeTrainingPlan.Instance, "VAE", Row),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; } =
    [
        new SampleVerb((c, count) => [With(c, vae => VaeOperations.Sample(vae, c.Device, count, c.Get(Temperature), c.Seed, c.Output))], Temperature),
        new EvaluateVerb<VaeEvaluation>(
            "test -ELBO and importance-weighted -log p(x)",
            c => With(c, vae => VaeOperations.Evaluate(vae, c.Device, c.Get(ImportanceSamples), c.Get(ImportanceImages), c.Seed)),
            ImportanceSamples, ImportanceImages),
        new ReconstructVerb((c, images) => With(c, vae => VaeOperations.Reconstruct(vae, c.Device, images, c.Output))),
        new PictureVerb("traverse", c => With(c, vae => VaeOperations.Traverse(vae, c.Device, Dimension(vae, c.Get(Dimensions)), c.Get(Dimensions)[1], c.Get(Steps), c.Get(Extent), c.Get(Spacing), c.Get(Anchor), c.Output)),
            Dimensions, Steps, Extent, Spacing, Anchor),
        new PictureVerb("edit", c => With(c, vae => VaeOperations.Edit(vae, c.Device, c.Get(EditImages), Edits(vae, c.Get(Shifts)), c.Output)), Shifts, EditImages),
        new ExportVerb((c, folder, opset) => TrainedVae.Load(c.Path, CPU).Use(vae => VaeOperations.Export(vae, folder, opset))),
        new VaeDemo(),
    ];

    /// <summary>A metrics line as a table row.</summary>
    public static (string Name, string Value) Row(VaeEpochMetrics m) =>
        ($"epoch {m.Epoch:F2}", $"train -ELBO {m.TrainNegElbo:F2}  test -ELBO {m.TestNegElbo:F2} (rec {m.TestReconstruction:F2} + KL {m.TestKl:F2})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s");

    // The verb's call on the run's VAE, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedVae, T> call) => TrainedVae.Load(context.Path, context.Device).Use(call);

    // --dims checked against the latent; returns the first (the columns').
    private static int Dimension(TrainedVae vae, int[] axes)
    {
        var latent = vae.Config.Model.LatentSize;
        return axes.Any(a => a < 0 || a >= latent) || axes[0] == axes[1]
            ? throw new CliError($"--dims must be two different dimensions in [0, {latent - 1}], got {axes[0]} {axes[1]}.")
            : axes[0];
    }

    private static (int Dimension, double Amount)[] Edits(TrainedVae vae, string[] shifts)
    {
        var edits = shifts.Select(ParseShift).ToArray();
        var latent = vae.Config.Model.LatentSize;
        return edits.Where(e => e.Dimension >= latent).Select(e => (int?)e.Dimension).FirstOrDefault() is { } bad
            ? throw new CliError($"--shift {bad}=...: the latent has dimensions 0..{latent - 1}.")
            : edits;
    }
}
