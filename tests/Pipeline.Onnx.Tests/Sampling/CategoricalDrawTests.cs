using Pipeline.Onnx.Sampling;

namespace Pipeline.Onnx.Tests.Sampling;

public sealed class CategoricalDrawTests
{
    // log of probabilities 0.1, 0.2, 0.3, 0.4 (cumulative 0.1, 0.3, 0.6, 1.0).
    private static readonly float[] Logits = [MathF.Log(0.1f), MathF.Log(0.2f), MathF.Log(0.3f), MathF.Log(0.4f)];

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.099, 0)]
    [InlineData(0.101, 1)]
    [InlineData(0.35, 2)]
    [InlineData(0.61, 3)]
    [InlineData(0.999999, 3)]
    public void Inverts_the_cumulative_distribution_at_the_uniform_number(double u, int expected)
    {
        Assert.Equal(expected, CategoricalDraw.Draw(Logits, new CategoricalSampling(), u));
    }

    [Fact]
    public void Temperature_zero_is_the_most_likely_level_and_low_temperatures_sharpen()
    {
        Assert.Equal(3, CategoricalDraw.Draw(Logits, new CategoricalSampling(Temperature: 0), 0.0));
        // At T = 0.25 the probabilities go as p⁴: 0.4⁴ dominates (≈ 0.72 of the mass), so u = 0.3 already lands on level 3.
        Assert.Equal(3, CategoricalDraw.Draw(Logits, new CategoricalSampling(Temperature: 0.25), 0.3));
        Assert.Equal(2, CategoricalDraw.Draw(Logits, new CategoricalSampling(), 0.3));
    }

    [Fact]
    public void Top_k_and_top_p_keep_only_the_most_likely_levels()
    {
        // Top-2 keeps 0.3 and 0.4 (renormalised 3/7, 4/7, in level order).
        Assert.Equal(2, CategoricalDraw.Draw(Logits, new CategoricalSampling(TopK: 2), 0.0));
        Assert.Equal(2, CategoricalDraw.Draw(Logits, new CategoricalSampling(TopK: 2), 0.42));
        Assert.Equal(3, CategoricalDraw.Draw(Logits, new CategoricalSampling(TopK: 2), 0.43));
        // Top-p 0.5: 0.4 alone is below 0.5, 0.4 + 0.3 reaches it: the same two levels.
        Assert.Equal(2, CategoricalDraw.Draw(Logits, new CategoricalSampling(TopP: 0.5), 0.0));
        Assert.Equal(3, CategoricalDraw.Draw(Logits, new CategoricalSampling(TopP: 0.4), 0.0));
        Assert.Equal(3, CategoricalDraw.Draw(Logits, new CategoricalSampling(TopK: 1), 0.9));
    }

    [Fact]
    public void Bad_settings_are_refused_by_name()
    {
        Assert.Contains("temperature", Assert.Throws<ArgumentException>(() => new CategoricalSampling(Temperature: -1).Validate()).Message);
        Assert.Contains("Top-k", Assert.Throws<ArgumentException>(() => new CategoricalSampling(TopK: 0).Validate()).Message);
        Assert.Contains("Top-p", Assert.Throws<ArgumentException>(() => new CategoricalSampling(TopP: 1.5).Validate()).Message);
    }
}
