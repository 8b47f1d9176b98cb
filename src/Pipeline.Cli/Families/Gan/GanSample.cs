using System.CommandLine;
using Pipeline.Application.Gans;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>sample</c> on a GAN run: a PNG grid (one row per class in turn) and/or IDX files with the requested labels.</summary>
internal sealed class GanSample : ISample
{
    private readonly Option<int[]> _labels = SampleOptions.Labels();
    private readonly Option<double?> _truncation = GanFamily.TruncationOption();
    private readonly Option<string> _format = SampleOptions.Format();

    public IReadOnlyList<Option> Options => [_labels, _truncation, _format];

    public void Sample(VerbContext context, int count)
    {
        var format = context.Value(_format);
        using var gan = GanFamily.Load(context);
        Terminal.Wrote(GanOperations.Sample(gan, context.Device, count, context.Value(_labels), context.Value(_truncation), context.Seed, SampleOptions.WritesPng(format), SampleOptions.WritesIdx(format), context.Output));
    }
}
