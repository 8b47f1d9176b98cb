namespace Pipeline.Cluster.Inference;

/// <summary>
/// Standard normal noise for generated image i that depends on (seed, i) alone — not on the shard, the batch or the
/// silo — so any shard, re-run anywhere, feeds the model the same latents. SplitMix64 (Steele, Lea and Flood 2014)
/// seeded by a mix of seed and index, then Box-Muller.
/// </summary>
internal static class NoiseSource
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static void Fill(int seed, long index, Span<float> z)
    {
        var state = Mix(Mix(Golden * ((ulong)(uint)seed + 1)) ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        for (var i = 0; i < z.Length; i += 2)
        {
            // Two uniforms, u1 in (0, 1] so that log(u1) is finite, u2 in [0, 1).
            var u1 = ((Next(ref state) >> 11) + 1) * (1.0 / 9007199254740992.0);
            var u2 = (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            z[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < z.Length)
            {
                z[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }
    }

    private static ulong Next(ref ulong state) => Mix(state += Golden);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
