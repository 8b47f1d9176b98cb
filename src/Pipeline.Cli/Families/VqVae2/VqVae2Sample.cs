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
    // Same names and types as the PixelCNN's, as the verb holds one option per name.
    private readonly Option<double> _temperature = new Option<double>("--temperature") { Description = "τ: VAE prior scale; PixelCNN and VQ-VAE-2 prior softmax temperature (below 1: sharper)", DefaultValueFactory = _ => 1.0 }.Positive();
    private readonly Option<int?> _topK = new("--top-k") { Description = "PixelCNN, VQ-VAE-2: draw each position from its k most likely values only" };
    private readonly Option<double?> _topP = new("--top-p") { Description = "PixelCNN, VQ-VAE-2: draw each position from the smallest set of values with probability ≥ p (nucleus)" };
    private readonly Option<int[]> _labels = SampleOptions.Labels();
    private readonly Option<string> _format = SampleOptions.Format();

    public IReadOnlyList<Option> Options => [_temperature, _topK, _topP, _labels, _format];

    public void Sample(VerbContext context, int count)
    {
        var sampling = new CategoricalSampling(context.Value(_temperature), context.Value(_topK), context.Value(_topP));
        CliError.Check(sampling.Validate);
        var format = context.Value(_format);
        using var priors = VqVae2Priors.Load(context.Path, context.Device);
        using var model = VqVae2Family.Load(context);
        VqVae2PriorJobs.Sample(model, priors, context.Device, count, context.Value(_labels), sampling, context.Seed, SampleOptions.WritesPng(format), SampleOptions.WritesIdx(format), context.Output);
    }
}
