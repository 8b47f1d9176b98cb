using System.Globalization;
using Pipeline.Application.Settings;
using Pipeline.Application.StyleGan;
using Pipeline.Inference.Pictures;
using Pipeline.Training.StyleGan;

namespace Pipeline.Cli.Families.StyleGan;

/// <summary>StyleGAN2 (mapping network, modulated convolutions, lazy R1 and path-length regularisation), conditional or not.</summary>
internal sealed class StyleGanFamily : IModelFamily
{
    public StyleGanFamily()
    {
        var (labels, sampleTruncation, format) = (SampleOptions.Labels(), TruncationOption(), SampleOptions.Format());
        var sweep = new Option<bool>("--truncation-sweep") { Description = "stylegan: instead of samples, --count rows of one latent each at ψ = 1, 0.7, 0.5, 0.2, 0 across" };
        var (judge, count, evaluationTruncation) = (new Option<string?>("--classifier") { Description = "folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" },
            new Option<int>("--count") { Description = "images to generate and compare", DefaultValueFactory = _ => 10000 }.AtLeast(2), TruncationOption());
        var (steps, rows, walkTruncation) = (new Option<int>("--steps") { Description = "images per walk", DefaultValueFactory = _ => 10 }.AtLeast(2),
            new Option<int>("--rows") { Description = "stylegan: walks (rows), classes in turn for a conditional model", DefaultValueFactory = _ => 8 }.AtLeast(1), TruncationOption());
        var across = new Option<int>("--sources-across") { Description = "sources A (columns)", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var down = new Option<int>("--sources-down") { Description = "sources B per band (rows per coarse, middle, fine)", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var mixTruncation = TruncationOption();
        Capabilities =
        [
            new SampleVerb((c, n) => Sample(c, n, labels, sampleTruncation, format, sweep), labels, sampleTruncation, format, sweep),
            new EvaluateVerb<Pipeline.Training.Gans.GanEvaluation>(
                "the project's classifier recognising the requested class, and the Fréchet distance in its features, beside real-data figures",
                c => With(c, Psi(c, evaluationTruncation), (gan, psi) => StyleGanOperations.Evaluate(gan, c.Device, c.Value(judge), c.Value(count), psi, c.Seed, Terminal.Notes)),
                [judge, count, evaluationTruncation]),
            new PictureVerb("interpolate", c => With(c, Psi(c, walkTruncation), (gan, psi) => StyleGanOperations.Interpolate(gan, c.Device, c.Value(rows), c.Value(steps), psi, c.Seed, c.Output)),
                steps, rows, walkTruncation),
            new PictureVerb("mix", c => With(c, Psi(c, mixTruncation), (gan, psi) => StyleGanOperations.Mix(gan, c.Device, c.Value(across), c.Value(down), psi, c.Seed, c.Output)),
                across, down, mixTruncation),
            new ExportVerb((c, folder, opset) => TrainedStyleGan.Load(c.Path, TorchSharp.torch.CPU).Use(gan => StyleGanOperations.Export(gan, folder, opset: opset))),
        ];
    }

    public string Kind => StyleGanRunConfig.RunKind;

    public string Description => "StyleGAN2 generator";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        TrainSubcommand.Create("stylegan", "Train a StyleGAN2 (Karras et al. 2020) on Fashion-MNIST padded to 32x32, another IDX set or an image folder.",
            StyleGanSettings.Training, StyleGanSettings.Config, _ => new StyleGanTrainingPlan(), "StyleGAN2", outputs: ("fixed-latent samples", "images")),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; }

    // --truncation: ψ of the truncation trick in W; the same option (name and type) as the GAN's threshold.
    private static Option<double?> TruncationOption() => new("--truncation") { Description = "stylegan: ψ in [-1, 1], w pulled towards the (class) mean w̄ (1: none)" };

    // ψ from the command line (1 when absent), refused by name when out of range, before the model is loaded.
    private static double Psi(VerbContext context, Option<double?> option)
    {
        var psi = context.Value(option) ?? 1.0;
        if (!Pipeline.Models.StyleGan.StyleGenerator.IsTruncation(psi))
        {
            throw new CliError($"--truncation must be ψ in [-1, 1] for a StyleGAN (1: none, 0: the mean w), got {psi.ToString(CultureInfo.InvariantCulture)}.");
        }

        return psi;
    }

    // sample: the grid (and/or IDX files), or with --truncation-sweep the sweep picture.
    private static IEnumerable<Picture> Sample(VerbContext c, int count, Option<int[]> labels, Option<double?> truncation, Option<string> format, Option<bool> sweep)
    {
        var psi = Psi(c, truncation);
        if (!c.Value(sweep))
        {
            return With(c, psi, (gan, p) => StyleGanOperations.Sample(gan, c.Device, count, c.Value(labels), p, c.Seed, SampleOptions.WritesPng(c.Value(format)), SampleOptions.WritesIdx(c.Value(format)), c.Output));
        }

        if (c.Given(truncation) || c.Given(format))
        {
            throw new CliError("--truncation-sweep draws every ψ itself as a PNG: it takes neither --truncation nor --format.");
        }

        return [With(c, psi, (gan, _) => StyleGanOperations.TruncationSweep(gan, c.Device, count, c.Value(labels), c.Seed, c.Output))];
    }

    // The verb's call on the run's StyleGAN, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, double psi, Func<TrainedStyleGan, double, T> call) =>
        TrainedStyleGan.Load(context.Path, context.Device).Use(gan => call(gan, psi));
}
