namespace Pipeline.Cli.Families;

/// <summary>
/// What <c>sample</c> reads wherever an autoregressive model can be behind the path (a PixelCNN or VQ-VAE-2 run, or any
/// export): the sampling settings, --labels and --format, one option per name as the verb holds them.
/// </summary>
internal sealed class AutoregressiveSampleOptions
{
    public CategoricalSamplingOptions Sampling { get; } = new();

    public Option<int[]> Labels { get; } = SampleOptions.Labels();

    public Option<string> Format { get; } = SampleOptions.Format();

    public IReadOnlyList<Option> All => [.. Sampling.All, Labels, Format];

    /// <summary>Whether a PNG grid and whether IDX files are asked for.</summary>
    public (bool Png, bool Idx) Formats(VerbContext context) =>
        (SampleOptions.WritesPng(context.Value(Format)), SampleOptions.WritesIdx(context.Value(Format)));
}
