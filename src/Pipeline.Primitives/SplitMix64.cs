namespace Pipeline.Primitives;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit stream whose whole state is one number, so that noise can be a
/// pure function of (seed, index) — the same for an item whatever the batch, shard or machine that draws it.
/// </summary>
/// <param name="state">The starting state, typically built with <see cref="Mix"/> from a seed and an index.</param>
public struct SplitMix64(ulong state)
{
    /// <summary>The stream's increment, 2⁶⁴ divided by the golden ratio.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong _state = state;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next() => Mix(_state += Golden);

    /// <summary>SplitMix64's finaliser: a bijective mix of 64 bits, also used to fold seeds and keys into a state.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
