using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// <c>sample</c> on an exported generator or decoder: GenerateImages over z ~ N(0, τ²I) (and a label column for a
/// class-conditional generator) in an ML.NET pipeline; PNG grid and/or IDX files.
/// </summary>
internal sealed class ExportedSample : ISample
{
    private readonly Option<double> _temperature = new Option<double>("--temperature") { Description = "τ, the prior's scale: below 1 gives cleaner, less varied images", DefaultValueFactory = _ => 1.0 }.Positive();
    private readonly Option<int[]> _labels = SampleOptions.Labels();
    private readonly Option<string> _format = SampleOptions.Format();

    public IReadOnlyList<Option> Options => [_temperature, _labels, _format];

    public void Sample(VerbContext context, int count)
    {
        var format = context.Value(_format);
        MlNetJobs.Sample(context.Path, count, context.Value(_temperature), context.Seed, context.Value(_labels), context.Output, SampleOptions.WritesPng(format), SampleOptions.WritesIdx(format));
    }
}
