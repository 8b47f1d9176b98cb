using Pipeline.Models.Vae;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Vae;

public sealed class PixelLikelihoodTests
{
    [Fact]
    public void Bernoulli_log_likelihood_is_the_negative_binary_cross_entropy_per_image()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 0f, 2f, -1f, 0.5f }).reshape(2, 1, 1, 2);
        var images = tensor(new float[] { 1f, 0f, 0.25f, 1f }).reshape(2, 1, 1, 2);

        var logLikelihood = new BernoulliLikelihood().LogLikelihood(logits, images).data<float>().ToArray();

        static double Bce(double logit, double x) => -(x * Math.Log(Sigmoid(logit)) + (1 - x) * Math.Log(1 - Sigmoid(logit)));
        Assert.Equal(-(Bce(0, 1) + Bce(2, 0)), logLikelihood[0], 4);
        Assert.Equal(-(Bce(-1, 0.25) + Bce(0.5, 1)), logLikelihood[1], 4);
    }

    [Fact]
    public void Fixed_variance_gaussian_matches_the_normal_density_around_the_sigmoid_mean()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(1, 1, 1, 1); // mean 0.5
        var images = full(1, 1, 1, 1, 0.7f);

        var logLikelihood = new GaussianLikelihood(1, 1, learned: false, fixedStdDev: 0.1).LogLikelihood(logits, images).item<float>();

        var expected = -0.5 * Math.Log(2 * Math.PI * 0.01) - (0.2 * 0.2 / (2 * 0.01));
        Assert.Equal(expected, logLikelihood, 3);
    }

    [Fact]
    public void Learned_variance_gaussian_has_one_trainable_log_variance_per_pixel()
    {
        using var likelihood = new GaussianLikelihood(3, 8, learned: true, fixedStdDev: 0.1);

        var parameters = likelihood.parameters().ToArray();

        Assert.Single(parameters);
        Assert.Equal(new long[] { 3, 8, 8 }, parameters[0].shape);
        Assert.True(likelihood.IsVarianceLearned);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
