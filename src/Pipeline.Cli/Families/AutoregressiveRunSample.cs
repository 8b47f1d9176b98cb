using Pipeline.Application.PixelCnn;
using Pipeline.Inference.Pictures;

namespace Pipeline.Cli.Families;

/// <summary>
/// <c>sample</c> on an autoregressive run trained here (a PixelCNN, or a VQ-VAE-2 through its priors): the sampling
/// settings, --labels and --format read into one <see cref="SampleRequest"/>; the family loads its model and draws.
/// </summary>
internal abstract class AutoregressiveRunSample : ISample
{
    private readonly AutoregressiveSampleOptions _options = new();

    public IReadOnlyList<Option> Options => _options.All;

    public void Sample(VerbContext context, int count)
    {
        var (png, idx) = _options.Formats(context);
        var request = new SampleRequest(count, context.Value(_options.Labels), _options.Sampling.Read(context), context.Seed, png, idx, context.Output);
        Terminal.Wrote(Draw(context, request));
    }

    /// <summary>Loads the run's model, refuses what it cannot draw (<see cref="CategoricalSamplingOptions.Refuse"/>) and draws.</summary>
    protected abstract IReadOnlyList<Picture> Draw(VerbContext context, SampleRequest request);
}
