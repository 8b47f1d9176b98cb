using System.CommandLine;
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
        GanJobs.Evaluate(gan, context.Device, context.Value(_classifier), context.Value(_count), context.Value(_truncation), context.Seed);
    }
}
