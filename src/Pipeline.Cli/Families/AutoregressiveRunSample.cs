using Pipeline.Application.PixelCnn;
using Pipeline.Application.Settings;
using Pipeline.Inference.Pictures;

namespace Pipeline.Cli.Families;

/// <summary>
/// <c>sample</c> on an autoregressive run trained here (a PixelCNN, or a VQ-VAE-2 through its priors): the sampling
/// settings, --labels and --format read into one <see cref="SampleRequest"/>; the family's call loads its model,
/// refuses what it cannot draw (<see cref="SampleSettings.Refuse"/>) and draws.
/// </summary>
internal sealed class AutoregressiveRunSample(Func<VerbContext, SampleRequest, IReadOnlyList<Picture>> draw) : ISample
{
    public IReadOnlyList<Option> Options { get; } = [.. SampleSettings.Autoregressive.ToOptions()];

    public void Sample(VerbContext context, int count)
    {
        var (png, idx) = SampleSettings.Formats(context);
        var sampling = CliError.Check(() => SampleSettings.ReadSampling(context));
        Terminal.Wrote(draw(context, new SampleRequest(count, context.Get(SampleSettings.Labels), sampling, context.Seed, png, idx, context.Output)));
    }
}
