using Pipeline.Primitives;

namespace Pipeline.Data.Tests.Primitives;

public sealed class GaussianTests
{
    private const int Draws = 200_000;

    [Fact]
    public void Draws_from_a_random_have_the_moments_of_a_standard_normal()
    {
        var random = new Random(3);

        var z = Enumerable.Range(0, Draws).Select(_ => Gaussian.Next(random)).ToArray();

        AssertStandardNormal(z);
    }

    [Fact]
    public void Pairs_from_splitmix_are_standard_normal_and_uncorrelated()
    {
        var random = new SplitMix64(SplitMix64.Mix(42));

        var pairs = Enumerable.Range(0, Draws / 2).Select(_ => Gaussian.NextPair(ref random)).ToArray();

        AssertStandardNormal([.. pairs.Select(p => p.First), .. pairs.Select(p => p.Second)]);
        var correlation = pairs.Average(p => p.First * p.Second);
        Assert.InRange(correlation, -0.01, 0.01);
    }

    [Fact]
    public void A_splitmix_stream_is_a_function_of_its_state()
    {
        var a = new SplitMix64(7);
        var b = new SplitMix64(7);

        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.Next()), Enumerable.Range(0, 5).Select(_ => b.Next()));
    }

    // Monte Carlo against the closed form: mean 0, variance 1, P(|z| < 1) = 0.6827; each within ~5 standard errors.
    private static void AssertStandardNormal(double[] z)
    {
        var mean = z.Average();
        var variance = z.Average(v => (v - mean) * (v - mean));
        var withinOne = z.Count(v => Math.Abs(v) < 1) / (double)z.Length;
        Assert.InRange(mean, -0.012, 0.012);
        Assert.InRange(variance, 0.985, 1.015);
        Assert.InRange(withinOne, 0.6827 - 0.006, 0.6827 + 0.006);
    }
}
