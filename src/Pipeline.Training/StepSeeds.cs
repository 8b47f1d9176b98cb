namespace Pipeline.Training;

/// <summary>
/// Per-step random seeds, so that a step's noise depends only on (seed, step) and resumed runs repeat it. Public
/// because a family's recipe written outside this assembly needs it for bit-exact resume (see ITrainingRecipe).
/// </summary>
public static class StepSeeds
{
    /// <summary>The seed of step <paramref name="step"/> of a run seeded with <paramref name="seed"/>: distinct, well-spread seeds per step (a SplitMix64-style mix).</summary>
    public static long For(int seed, long step)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)step + 1);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return (long)((x ^ (x >> 31)) >> 1);
    }
}
