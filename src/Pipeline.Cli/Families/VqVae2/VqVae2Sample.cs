using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>
/// <c>sample</c> on a VQ-VAE-2 run with trained priors: ancestral samples (top codes, then bottom codes, then decode)
/// with temperature, top-k and top-p, as a PNG grid per class and/or IDX files with the requested labels.
/// </summary>
internal sealed class VqVae2Sample : ISample
{
    private readonly CategoricalSamplingOptions _sampling = new();
    private readonly Option<int[]> _labels = SampleOptions.Labels();
    private readonly Option<string> _format = SampleOptions.Format();

    public IReadOnlyList<Option> Options => [.. _sampling.All, _labels, _format];

    public void Sample(VerbContext context, int count)
    {
        var sampling = _sampling.Read(context);
        var format = context.Value(_format);
        using var model = VqVae2Family.Load(context);
        using var priors = VqVae2Priors.Load(model, context.Device);
        CategoricalSamplingOptions.RefuseGuidance(sampling, priors.Top.Net.Options.UnconditionalLabel && priors.Bottom.Net.Options.UnconditionalLabel, context.Path);
        VqVae2PriorJobs.Sample(model, priors, context.Device, count, context.Value(_labels), sampling, context.Seed, SampleOptions.WritesPng(format), SampleOptions.WritesIdx(format), context.Output);
    }
}
