using Pipeline.Application.ProGan;
using Pipeline.Application.Settings;
using Pipeline.Training.Gans;
using Pipeline.Training.ProGan;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.ProGan;

/// <summary>Progressive GANs: <c>train progan</c>, and sample, evaluate and export on its runs.</summary>
internal sealed class ProGanFamily : IModelFamily
{
    public ProGanFamily()
    {
        var (labels, sampleTruncation, format) = (SampleOptions.Labels(), TruncationOption(), SampleOptions.Format());
        var judge = new Option<string?>("--classifier") { Description = "Progressive GAN: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
        var count = new Option<int>("--count") { Description = "Progressive GAN: images to generate and compare", DefaultValueFactory = _ => 10000 }.AtLeast(2);
        var truncation = TruncationOption();
        Capabilities =
        [
            new SampleVerb(
                (c, n) => With(c, gan => ProGanOperations.Sample(gan, c.Device, n, c.Value(labels), c.Value(sampleTruncation), c.Seed, SampleOptions.WritesPng(c.Value(format)), SampleOptions.WritesIdx(c.Value(format)), c.Output)),
                labels, sampleTruncation, format),
            new EvaluateVerb<GanEvaluation>(
                "the project's classifier recognising the requested class, and the Fréchet distance in its features, beside real-data figures",
                c => With(c, gan => ProGanOperations.Evaluate(gan, c.Device, c.Value(judge), c.Value(count), c.Value(truncation), c.Seed, Terminal.Notes)),
                [judge, count, truncation]),
            new ExportVerb((c, folder, opset) => TrainedProGan.Load(c.Path, CPU).Use(gan => ProGanOperations.Export(gan, folder, opset))),
        ];
    }

    public string Kind => ProGanRunConfig.RunKind;

    public string Description => "progressive GAN";

    public IReadOnlyList<Command> TrainCommands { get; } =
    [
        TrainSubcommand.Create(
            "progan",
            "Train a Progressive GAN (growing 4x4 → full size with fade-in; class-conditional by default) on Fashion-MNIST padded to 32x32, another IDX set or an image folder.",
            ProGanSettings.Training, ProGanSettings.Config, _ => new ProGanTrainingPlan(), "Progressive GAN", outputs: ("fixed-noise samples at each stage", "images")),
    ];

    public IReadOnlyList<ICapability> Capabilities { get; }

    // --truncation: the truncation trick's threshold, for the verbs that draw latents.
    private static Option<double?> TruncationOption() => new("--truncation") { Description = "Progressive GAN: resample latent entries beyond this threshold (truncation trick)" };

    // The verb's call on the run's generator, loaded on the verb's device and released after.
    private static T With<T>(VerbContext context, Func<TrainedProGan, T> call) => TrainedProGan.Load(context.Path, context.Device).Use(call);
}
