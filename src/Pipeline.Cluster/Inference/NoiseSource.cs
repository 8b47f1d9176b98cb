using Pipeline.Primitives;

namespace Pipeline.Cluster.Inference;

/// <summary>
/// Standard normal noise for generated image i that depends on (seed, i) alone — not on the shard, the batch or the
/// silo — so any shard, re-run anywhere, feeds the model the same latents. SplitMix64 (Steele, Lea and Flood 2014)
/// seeded by a mix of seed and index, then Box-Muller.
/// </summary>
internal static class NoiseSource
{
    public static void Fill(int seed, long index, Span<float> z)
    {
        var random = new SplitMix64(SplitMix64.Mix(SplitMix64.Mix(SplitMix64.Golden * ((ulong)(uint)seed + 1)) ^ ((ulong)index * 0xD1B54A32D192ED03UL)));
        for (var i = 0; i < z.Length; i += 2)
        {
            var (first, second) = Gaussian.NextPair(ref random);
            z[i] = (float)first;
            if (i + 1 < z.Length)
            {
                z[i + 1] = (float)second;
            }
        }
    }
}
