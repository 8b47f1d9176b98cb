namespace Pipeline.Onnx.Sampling;

/// <summary>
/// The random streams of autoregressive sampling, shared by every engine (TorchSharp, ONNX Runtime, ML.NET) so that
/// the same seed draws the same grid on each: one <see cref="Random"/> per grid, read once per position in raster
/// order and fed to <see cref="CategoricalDraw"/>.
/// </summary>
public static class SampleStreams
{
    /// <summary>The stream of one grid. <see cref="Random(int)"/> with a seed is a fixed algorithm on every .NET platform.</summary>
    public static Random For(long seed) => new(unchecked((int)(seed ^ (seed >>> 32))));

    /// <summary>
    /// The seed of level <paramref name="level"/> (0 = the top, sampled first) of a hierarchical sample with image seed
    /// <paramref name="imageSeed"/>. Level 0 is the image seed itself, so a one-level model and the top of a hierarchy
    /// agree; lower levels get seeds scrambled by SplitMix64 (Steele et al. 2014), so their streams do not repeat the top's.
    /// </summary>
    public static long ForLevel(long imageSeed, int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        if (level == 0)
        {
            return imageSeed;
        }

        var z = unchecked((ulong)imageSeed + (ulong)level * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((long)(z ^ (z >> 31)));
    }
}
