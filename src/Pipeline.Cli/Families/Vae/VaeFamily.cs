using System.Globalization;
using Pipeline.Application.Settings;
using Pipeline.Application.Vae;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Vae;

/// <summary>The variational autoencoder (Kingma and Welling 2014): <c>train vae</c> and the verbs on its runs.</summary>
internal sealed class VaeFamily : IModelFamily
{
    public VaeFamily()
    {
        var temperature = new Option<double>("--temperature") { Description = "VAE: τ, the prior's scale; below 1 gives cleaner, less varied images", DefaultValueFactory = _ => 1.0 }.Positive();
        var k = new Option<int>("--k") { Description = "VAE: importance samples per image", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var iwaeImages = new Option<int>("--images") { Description = "VAE: test images for the importance-weighted estimate", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var dims = new Option<int[]>("--dims") { Description = "the two latent dimensions to sweep (columns, rows)", DefaultValueFactory = _ => [0, 1], AllowMultipleArgumentsPerToken = true }.Exactly(2, "latent dimensions");
        var steps = new Option<int>("--steps") { Description = "grid cells per axis", DefaultValueFactory = _ => 15 }.AtLeast(2);
        var extent = new Option<double>("--extent") { Description = "sweep [-extent, extent] with --spacing linear", DefaultValueFactory = _ => 3.0 }.Positive();
        var spacing = new Option<TraversalSpacing>("--spacing") { Description = "quantile (equal prior mass per cell, as in the AEVB paper) or linear", DefaultValueFactory = _ => TraversalSpacing.Quantile };
        var anchor = new Option<int?>("--anchor-image") { Description = "hold the other dimensions at this test image's posterior mean (default: the prior mean 0)" };
        var shifts = new Option<string[]>("--shift") { Description = "VAE: DIM=AMOUNT, e.g. --shift 0=+2 --shift 3=-1.5", Required = true, AllowMultipleArgumentsPerToken = true }.EachParses(ParseShift);
        var editImages = new Option<int>("--images") { Description = "test images to edit", DefaultValueFactory = _ => 10 }.AtLeast(1);
        Capabilities =
        [
            new SampleVerb((c, count) => [With(c, vae => VaeOperations.Sample(vae, c.Device, count, c.Value(temperature), c.Seed, c.Output))], temperature),
            new EvaluateVerb<VaeEvaluation>(
                "test -ELBO and importance-weighted -log p(x)",
                c => With(c, vae => VaeOperations.Evaluate(vae, c.Device, c.Value(k), c.Value(iwaeImages), c.Seed)),
                [k, iwaeImages]),
            new ReconstructVerb((c, images) => With(c, vae => VaeOperations.Reconstruct(vae, c.Device, images, c.Output))),
            new PictureVerb("traverse", c => With(c, vae => VaeOperations.Traverse(vae, c.Device, Dimension(vae, c.Value(dims)), c.Value(dims)[1], c.Value(steps), c.Value(extent), c.Value(spacing), c.Value(anchor), c.Output)), dims, steps, extent, spacing, anchor),
            new PictureVerb("edit", c => With(c, vae => VaeOperations.Edit(vae, c.Device, c.Value(editImages), Edits(vae, c.Value(shifts)), c.Output)), shifts, editImages),
            new ExportVerb((c, folder, opset) => TrainedVae.Load(c.Path, CPU).Use(vae => VaeOperations.Export(vae, folder, opset))),
            new VaeDemo(),
        ];
    }

    public string Kind => VaeRunConfig.RunKind;

    public string Description => "variational autoencoder";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        TrainSubcommand.Create("vae", "Train a variational autoencoder (Kingma and Welling 2014) on Fashion-MNIST, another IDX set or an image folder.",
            VaeSettings.Training, VaeSettings.Config, _ => VaeTrainingPlan.Instance, "VAE", Row),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; }

    /// <summary>A metrics line as a table row.</summary>
    public static (string Name, string Value) Row(VaeEpochMetrics m) =>
        ($"epoch {m.Epoch:F2}", $"train -ELBO {m.TrainNegElbo:F2}  test -ELBO {m.TestNegElbo:F2} (rec {m.TestReconstruction:F2} + KL {m.TestKl:F2})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s");

    /// <summary>DIM=AMOUNT, e.g. 3=+1.5.</summary>
    private static (int Dimension, double Amount) ParseShift(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dimension) && dimension >= 0
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return (dimension, amount);
        }

        throw new FormatException($"--shift '{text}' is not DIM=AMOUNT (e.g. 3=+1.5).");
    }

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
