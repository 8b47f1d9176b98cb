using Pipeline.Models.Vae;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Vae;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class DiagonalGaussianTests
{
    [Fact]
    public void Closed_form_kl_matches_a_monte_carlo_estimate()
    {
        // Given: a posterior far from the prior in some dimensions and close in others.
        using var scope = NewDisposeScope();
        manual_seed(7);
        var mean = tensor(new float[] { 0.5f, -1.5f, 0f, 2f }).reshape(1, 4);
        var logVar = tensor(new float[] { -1f, 0.5f, 0f, -2f }).reshape(1, 4);

        // When: KL = E_q[log q(z) − log p(z)] estimated with 200k reparameterised samples.
        var n = 200_000;
        var z = DiagonalGaussian.Sample(mean.expand(n, 4), logVar.expand(n, 4));
        var monteCarlo = (DiagonalGaussian.LogDensity(z, mean, logVar) - DiagonalGaussian.StandardLogDensity(z)).mean().item<float>();
        var closedForm = DiagonalGaussian.KlToStandardNormal(mean, logVar).item<float>();

        // Then: within a few standard errors (the estimate's sd is about 0.005 here).
        Assert.Equal(closedForm, monteCarlo, 0.03);
    }

    [Fact]
    public void Kl_is_zero_exactly_at_the_prior()
    {
        using var scope = NewDisposeScope();

        var kl = DiagonalGaussian.KlToStandardNormal(zeros(3, 20), zeros(3, 20));

        Assert.Equal(new long[] { 3 }, kl.shape);
        Assert.All(kl.data<float>().ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Reparameterised_samples_have_the_posterior_moments()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var mean = full(100_000, 1, 3.0f);
        var logVar = full(100_000, 1, (float)Math.Log(0.25));

        var z = DiagonalGaussian.Sample(mean, logVar);

        Assert.Equal(3.0, z.mean().item<float>(), 0.01);
        Assert.Equal(0.5, z.std().item<float>(), 0.01);
    }

    [Fact]
    public void Log_density_matches_the_normal_formula()
    {
        using var scope = NewDisposeScope();
        var z = tensor(new float[] { 1f, -2f }).reshape(1, 2);

        var logDensity = DiagonalGaussian.LogDensity(z, zeros(1, 2), tensor(new float[] { 0f, (float)Math.Log(4) }).reshape(1, 2)).item<float>();

        var expected = (-0.5 * Math.Log(2 * Math.PI) - 0.5) + (-0.5 * Math.Log(2 * Math.PI * 4) - (4.0 / 8));
        Assert.Equal(expected, logDensity, 4);
    }
}
