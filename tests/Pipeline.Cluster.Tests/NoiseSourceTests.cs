using Pipeline.Cluster.Inference;

namespace Pipeline.Cluster.Tests;

public sealed class NoiseSourceTests
{
    [Fact]
    public void The_noise_of_an_image_depends_on_seed_and_index_only()
    {
        var a = new float[5];
        var b = new float[5];

        NoiseSource.Fill(3, 41, a);
        NoiseSource.Fill(3, 41, b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Other_indices_and_seeds_give_other_noise()
    {
        var a = new float[4];
        var b = new float[4];
        var c = new float[4];

        NoiseSource.Fill(3, 41, a);
        NoiseSource.Fill(3, 42, b);
        NoiseSource.Fill(4, 41, c);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_noise_is_standard_normal()
    {
        var z = new float[20_000];
        NoiseSource.Fill(0, 0, z);

        var mean = z.Average();
        var variance = z.Select(v => (v - mean) * (v - mean)).Average();

        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.96, 1.04);
    }
}
