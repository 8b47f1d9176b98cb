using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Gans;

public sealed class GanLossesTests
{
    [Theory]
    [InlineData(GanObjective.Minimax, 2.0, -1.0, 0.126928 + 0.313262)]      // softplus(−2) + softplus(−1)
    [InlineData(GanObjective.NonSaturating, 2.0, -1.0, 0.126928 + 0.313262)]
    [InlineData(GanObjective.Hinge, 0.5, -0.25, 0.5 + 0.75)]               // max(0, 1 − r) + max(0, 1 + f)
    [InlineData(GanObjective.LeastSquares, 0.5, 0.5, 0.5 * (0.25 + 0.25))]
    [InlineData(GanObjective.WassersteinGradientPenalty, 3.0, 1.0, 1.0 - 3.0)]
    public void Discriminator_loss_has_the_papers_value(GanObjective objective, double real, double fake, double expected)
    {
        using var scope = NewDisposeScope();

        var loss = GanLosses.Discriminator(objective, tensor(new[] { (float)real }), tensor(new[] { (float)fake }));

        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Theory]
    [InlineData(GanObjective.Minimax, 1.0, -1.313262)]                     // log(1 − σ(1)) = −softplus(1)
    [InlineData(GanObjective.NonSaturating, 1.0, 0.313262)]                // −log σ(1) = softplus(−1)
    [InlineData(GanObjective.Hinge, 1.5, -1.5)]
    [InlineData(GanObjective.LeastSquares, 0.0, 0.5)]
    [InlineData(GanObjective.WassersteinGradientPenalty, 2.0, -2.0)]
    public void Generator_loss_has_the_papers_value(GanObjective objective, double fake, double expected)
    {
        using var scope = NewDisposeScope();

        var loss = GanLosses.Generator(objective, tensor(new[] { (float)fake }));

        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Theory]
    [InlineData(GanObjective.Minimax)]
    [InlineData(GanObjective.NonSaturating)]
    [InlineData(GanObjective.Hinge)]
    [InlineData(GanObjective.LeastSquares)]
    [InlineData(GanObjective.WassersteinGradientPenalty)]
    public void Every_generator_loss_pushes_the_fake_logit_up_and_every_discriminator_loss_pushes_it_down(GanObjective objective)
    {
        using var scope = NewDisposeScope();
        var fake = tensor(new[] { 0.1f }, requires_grad: true);
        GanLosses.Generator(objective, fake).backward();
        var generatorGradient = fake.grad!.item<float>();

        var fake2 = tensor(new[] { 0.1f }, requires_grad: true);
        var real = tensor(new[] { 0.2f }, requires_grad: true);
        GanLosses.Discriminator(objective, real, fake2).backward();

        Assert.True(generatorGradient < 0, $"G gradient {generatorGradient}");
        Assert.True(fake2.grad!.item<float>() > 0 && real.grad!.item<float>() < 0);
    }

    [Fact]
    public void Saturating_loss_vanishes_where_the_non_saturating_loss_stays_strong()
    {
        // Given: D confidently rejects the fake, D(G(z)) = σ(−10) ≈ 4.5e-5.
        using var scope = NewDisposeScope();
        var saturatingLogit = tensor(new[] { -10f }, requires_grad: true);
        var nonSaturatingLogit = tensor(new[] { -10f }, requires_grad: true);

        // When
        GanLosses.Generator(GanObjective.Minimax, saturatingLogit).backward();
        GanLosses.Generator(GanObjective.NonSaturating, nonSaturatingLogit).backward();

        // Then: −σ(−10) ≈ −4.5e-5 against σ(−10) − 1 ≈ −1.
        Assert.Equal(-4.54e-5, saturatingLogit.grad!.item<float>(), 1e-6);
        Assert.Equal(-1.0, nonSaturatingLogit.grad!.item<float>(), 1e-4);
    }

    [Fact]
    public void Probabilistic_losses_stay_finite_at_extreme_logits()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { -200f });
        var fake = tensor(new[] { 200f });

        var d = GanLosses.Discriminator(GanObjective.NonSaturating, real, fake).item<float>();
        var g = GanLosses.Generator(GanObjective.NonSaturating, tensor(new[] { -200f })).item<float>();

        Assert.Equal(400, d, 1e-3);
        Assert.Equal(200, g, 1e-3);
    }

    [Fact]
    public void Gradient_penalty_of_a_linear_critic_with_unit_slope_is_zero()
    {
        // A critic D(x) = Σ x / ‖1‖ has gradient norm exactly 1 everywhere.
        using var scope = NewDisposeScope();
        var real = randn(4, 1, 3, 3);
        var fake = randn(4, 1, 3, 3);

        var penalty = GanLosses.GradientPenalty(x => x.flatten(1).sum(1) / 3.0, real, fake);
        var doubled = GanLosses.GradientPenalty(x => x.flatten(1).sum(1) * 2 / 3.0, real, fake);

        Assert.Equal(0.0, penalty.item<float>(), 1e-5);
        Assert.Equal(1.0, doubled.item<float>(), 1e-4);
    }
}
