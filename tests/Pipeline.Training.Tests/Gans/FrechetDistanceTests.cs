using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Gans;

public sealed class FrechetDistanceTests
{
    [Fact]
    public void Distance_of_a_set_to_itself_is_zero()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var features = randn(500, 16) * 3 + 1;

        var distance = FrechetDistance.Between(features, features);

        Assert.Equal(0.0, distance, 1e-6);
    }

    [Fact]
    public void Distance_between_two_gaussians_has_the_closed_form_value()
    {
        // N(μ₁, I) and N(μ₂, 4I) in D dimensions: ‖μ₁ − μ₂‖² + D(1 + 4 − 2·2) = ‖Δμ‖² + D.
        using var scope = NewDisposeScope();
        var mean1 = zeros(8, dtype: float64);
        var mean2 = full(8, 0.5, dtype: float64);
        var identity = eye(8, dtype: float64);

        var distance = FrechetDistance.Between(mean1, identity, mean2, 4 * identity);

        Assert.Equal((8 * 0.25) + 8, distance, 1e-9);
    }

    [Fact]
    public void Distance_with_non_commuting_covariances_matches_the_two_dimensional_closed_form()
    {
        // Σ₁ = diag(1, 4), Σ₂ = [[2, 1], [1, 2]]: Tr((Σ₁Σ₂)^½) = sqrt(Tr(Σ₁Σ₂) + 2 sqrt(det(Σ₁Σ₂))) for 2×2 matrices.
        using var scope = NewDisposeScope();
        var s1 = tensor(new double[] { 1, 0, 0, 4 }).reshape(2, 2);
        var s2 = tensor(new double[] { 2, 1, 1, 2 }).reshape(2, 2);
        var traceRoot = Math.Sqrt(10 + (2 * Math.Sqrt(12)));

        var distance = FrechetDistance.Between(zeros(2, dtype: float64), s1, zeros(2, dtype: float64), s2);

        Assert.Equal(5 + 4 - (2 * traceRoot), distance, 1e-9);
    }
}
