using System.Globalization;
using Pipeline.Application.Gans;
using Pipeline.Application.Settings;
using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Gan;

/// <summary>GANs, unconditional (DCGAN) and class-conditional (CBN generator, projection discriminator): one run kind, two train subcommands.</summary>
internal sealed class GanFamily : IModelFamily
{
    public GanFamily()
    {
        var (labels, sampleTruncation, format) = (SampleOptions.Labels(), TruncationOption(), SampleOptions.Format());
        var (judge, count, truncation) = (ClassifierOption(), new Option<int>("--count") { Description = "GAN: images to generate and compare", DefaultValueFactory = _ => 10000 }.AtLeast(2), TruncationOption());
        var steps = new Option<int>("--steps") { Description = "images per walk", DefaultValueFactory = _ => 10 }.AtLeast(2);
        var spherical = new Option<bool>("--slerp") { Description = "spherical instead of linear interpolation" };
        var walkTruncation = TruncationOption();
        var triples = new Option<string[]>("--triple") { Description = "classes A,B,C, e.g. --triple 7,5,9 (sneaker - sandal + ankle boot)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["7,5,9"] }.EachParses(ParseTriple);
        var means = new Option<int>("--samples") { Description = "latents drawn to estimate the class means", DefaultValueFactory = _ => 2000 }.AtLeast(10);
        var meansJudge = ClassifierOption();
        var rows = new Option<int>("--count") { Description = "generated images (rows)", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var neighbours = new Option<int>("--k") { Description = "neighbours per image", DefaultValueFactory = _ => 5 }.AtLeast(1);
        Capabilities =
        [
            new SampleVerb(
                (c, n) => With(c, gan => GanOperations.Sample(gan, c.Device, n, c.Value(labels), c.Value(sampleTruncation), c.Seed, SampleOptions.WritesPng(c.Value(format)), SampleOptions.WritesIdx(c.Value(format)), c.Output)),
                labels, sampleTruncation, format),
            new EvaluateVerb<GanEvaluation>(
                "the project's classifier recognising the requested class, and the Fréchet distance in its features, beside real-data figures",
                c => With(c, gan => GanOperations.Evaluate(gan, c.Device, c.Value(judge), c.Value(count), c.Value(truncation), c.Seed, Terminal.Notes)),
                [judge, count, truncation]),
            new PictureVerb("interpolate", c => With(c, gan => GanOperations.Interpolate(gan, c.Device, c.Value(steps), c.Value(spherical), c.Seed, c.Value(walkTruncation), c.Output)), steps, spherical, walkTruncation),
            new PictureVerb("arithmetic", 
                c => With(c, gan => GanOperations.Arithmetic(gan, c.Device, c.Value(meansJudge), [.. c.Value(triples).Select(ParseTriple)], c.Value(means), c.Seed, c.Output, Terminal.Notes)),
                triples, means, meansJudge),
            new PictureVerb("neighbours", c => With(c, gan => GanOperations.Neighbours(gan, c.Device, c.Value(rows), c.Value(neighbours), c.Seed, c.Output)), rows, neighbours),
            new ExportVerb((c, folder, opset) => TrainedGan.Load(c.Path, CPU).Use(gan => GanOperations.Export(gan, folder, opset))),
        ];
    }

    public string Kind => GanRunConfig.RunKind;

    public string Description => "generative adversarial network";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        Train("gan", false, "Train an unconditional DCGAN-style GAN on Fashion-MNIST, another IDX set or an image folder."),
        Train("cgan", true, "Train a class-conditional GAN (CBN generator, projection discriminator) on Fashion-MNIST, another IDX set or an image folder."),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; }

    private static Command Train(string name, bool conditional, string description) => TrainSubcommand.Create(name, description, GanSettings.Training,
        v => GanSettings.Config(v, conditional), _ => new GanTrainingPlan(Terminal.Warnings), "GAN", outputs: ("fixed-noise samples", "images"));

    // --classifier: the judging classifier's folder, for the verbs that need one.
    private static Option<string?> ClassifierOption() => new("--classifier") { Description = "GAN: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };

    // --truncation: the truncation trick's threshold, for the verbs that draw latents.
    private static Option<double?> TruncationOption() => new("--truncation") { Description = "GAN: resample latent entries beyond this threshold (truncation trick)" };

    // The verb's call on the run's GAN, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedGan, T> call) => TrainedGan.Load(context.Path, context.Device).Use(call);

    // A,B,C: three class labels.
    private static (int A, int B, int C) ParseTriple(string text)
    {
        var parts = text.Split(',');
        var values = new int[3];
        if (parts.Length == 3 && parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) && values[i] >= 0).All(ok => ok))
        {
            return (values[0], values[1], values[2]);
        }

        throw new FormatException($"--triple '{text}' is not three class labels A,B,C (e.g. 7,5,9).");
    }
}
