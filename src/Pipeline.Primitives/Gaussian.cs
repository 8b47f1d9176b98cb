namespace Pipeline.Primitives;

/// <summary>Standard normal draws by the Box–Muller transform (Box and Muller 1958), the one copy every layer uses.</summary>
public static class Gaussian
{
    private const double TwoToThe53 = 9007199254740992.0;

    /// <summary>One standard normal from two uniforms of <paramref name="random"/> (the first mapped into (0, 1] so its log is finite).</summary>
    public static double Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>Two independent standard normals (the cosine and sine halves) from two 53-bit uniforms of <paramref name="random"/>.</summary>
    public static (double First, double Second) NextPair(ref SplitMix64 random)
    {
        var u1 = ((random.Next() >> 11) + 1) * (1.0 / TwoToThe53);   // (0, 1]
        var u2 = (random.Next() >> 11) * (1.0 / TwoToThe53);         // [0, 1)
        var radius = Math.Sqrt(-2 * Math.Log(u1));
        return (radius * Math.Cos(2 * Math.PI * u2), radius * Math.Sin(2 * Math.PI * u2));
    }
}
