using System.CommandLine;
using Pipeline.Application.Gans;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>evaluate</c> on a GAN run: classifier accuracy on the requested classes and Fréchet distance in its feature space.</summary>
internal sealed class GanEvaluate : IEvaluate
{
    public string Measures => "the project's classifier recognising the requested class, and the Fréchet distance in its features, beside real-data figures";

    private readonly Option<string?> _classifier = GanFamily.ClassifierOption();
    private readonly Option<int> _count = new Option<int>("--count") { Description = "GAN: images to generate and compare", DefaultValueFactory = _ => 10000 }.AtLeast(2);
    private readonly Option<double?> _truncation = GanFamily.TruncationOption();

    public IReadOnlyList<Option> Options => [_classifier, _count, _truncation];

    public void Evaluate(VerbContext context)
    {
        using var gan = GanFamily.Load(context);
        var truncation = context.Value(_truncation);
        var report = GanOperations.Evaluate(gan, context.Device, context.Value(_classifier), context.Value(_count), truncation, context.Seed, Terminal.Notes);
        var result = report.Evaluation;
        Terminal.Summary($"GAN evaluation ({gan.Run.Id}, step {gan.Step}, {result.Images} images{(truncation is { } t ? $", truncation {t}" : "")})",
        [
            ("classifier accuracy on requested classes", result.ClassAccuracy is { } a ? $"{a:P1}" : "n/a (unconditional)"),
            ("  same classifier on real test images", $"{result.RealAccuracy:P1}"),
            .. ClassBreakdown.Rows(result.PerClass, gan.Data.Train.ClassNames),
            ("Fréchet distance to the test set (classifier features)", $"{result.FrechetDistance:F3}"),
            ("  real training images to the test set (floor)", $"{result.RealFrechetDistance:F3}"),
            ("generation speed", $"{result.GeneratedPerSecond:F0} images/s"),
        ]);
        Terminal.Wrote("evaluation", report.Path);
    }
}
