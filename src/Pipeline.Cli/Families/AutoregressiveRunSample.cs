using System.CommandLine;
using Pipeline.Application.PixelCnn;
using Pipeline.Inference.Pictures;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families;

/// <summary>
/// <c>sample</c> on an autoregressive run trained here (a PixelCNN, or a VQ-VAE-2 through its priors): the sampling
/// settings, --labels and --format read into one <see cref="SampleRequest"/>; the family loads its model and draws.
/// </summary>
internal abstract class AutoregressiveRunSample : ISample
{
    private readonly CategoricalSamplingOptions _sampling = new();
    private readonly Option<int[]> _labels = SampleOptions.Labels();
    private readonly Option<string> _format = SampleOptions.Format();

    public IReadOnlyList<Option> Options => [.. _sampling.All, _labels, _format];

    public void Sample(VerbContext context, int count)
    {
        var format = context.Value(_format);
        var request = new SampleRequest(count, context.Value(_labels), _sampling.Read(context), context.Seed, SampleOptions.WritesPng(format), SampleOptions.WritesIdx(format), context.Output);
        Terminal.Wrote(Draw(context, request));
    }

    /// <summary>Loads the run's model, refuses what it cannot draw (<see cref="CategoricalSamplingOptions.Refuse"/>) and draws.</summary>
    protected abstract IReadOnlyList<Picture> Draw(VerbContext context, SampleRequest request);
}
