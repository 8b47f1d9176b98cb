using Pipeline.Application.Settings;
using Pipeline.Inference;
using Pipeline.Inference.Sampling;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// <c>sample</c> on an exported generator or decoder: GenerateImages over z ~ N(0, τ²I) (and a label column for a
/// class-conditional generator) in an ML.NET pipeline; on an exported PixelCNN or VQ-VAE-2: SampleImages over (class,
/// seed) rows with temperature, top-k and top-p. PNG grid and/or IDX files, written beside the current directory by
/// default (never into the export folder, which may be a committed model).
/// </summary>
internal sealed class ExportedSample : ISample
{
    public IReadOnlyList<Option> Options { get; } = [.. SampleSettings.Autoregressive.ToOptions()];

    public void Sample(VerbContext context, int count)
    {
        var (png, idx) = SampleSettings.Formats(context);
        var autoregressive = ExportedModelFiles.IsAutoregressive(context.Path);
        if (!autoregressive && (context.Given(SampleSettings.TopK) || context.Given(SampleSettings.TopP) || context.Given(SampleSettings.Guidance)))
        {
            throw new CliError($"{context.Path}: --top-k, --top-p and --guidance apply to autoregressive models (PixelCNN, VQ-VAE-2), not to a generator or decoder.");
        }

        var request = new SampleRequest(context.Path, count, context.Seed, context.Output ?? ExportedModelFiles.DefaultSamplesPath(context.Path))
        {
            // A generator reads τ alone; the autoregressive sampler checks all four settings itself.
            Sampling = autoregressive ? CliError.Check(() => SampleSettings.ReadSampling(context)) : new(context.Get(SampleSettings.Temperature)),
            Labels = context.Get(SampleSettings.Labels),
            Png = png,
            Idx = idx,
            Runtime = autoregressive ? null : context.OnnxRuntime,
        };
        var report = InferenceRequests.Run(() => ExportedModelOperations.Sample(request));

        // The generator's line names the engine before the files, the sampler's gives its speed after them.
        if (!autoregressive)
        {
            Terminal.Info(report.Summary);
        }

        Terminal.Wrote(report.Pictures);
        if (autoregressive)
        {
            Terminal.Info(report.Summary);
        }
    }
}
