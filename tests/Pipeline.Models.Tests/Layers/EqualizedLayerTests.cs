using Pipeline.Models.Layers;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Layers;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class EqualizedLayerTests
{
    [Fact]
    public void Equalized_linear_keeps_unit_variance_whatever_its_width_and_learning_rate_multiplier()
    {
        // Given: unit Gaussian inputs of width 512 and a mapping-network layer (λ = 0.01).
        using var scope = NewDisposeScope();
        manual_seed(3);
        var layer = new EqualizedLinear(512, 256, learningRateMultiplier: 0.01);
        var x = randn(4096, 512);

        // When
        using var noGrad = no_grad();
        var y = layer.call(x);

        // Then: He-style unit gain at run time, while the stored weight is 1/λ larger (so Adam's steps are λ smaller).
        Assert.InRange(y.var().item<float>(), 0.9, 1.1);
        Assert.InRange(layer.Weight.std().item<float>(), 90, 110);
        Assert.Equal(0.01 / Math.Sqrt(512), layer.WeightGain, 12);
    }

    [Fact]
    public void Equalized_linear_starts_at_its_bias_init()
    {
        using var scope = NewDisposeScope();
        var layer = new EqualizedLinear(8, 3, biasInit: 1, learningRateMultiplier: 0.5);

        Assert.True(layer.EffectiveBias()!.allclose(ones(3)));
    }

    [Fact]
    public void Equalized_convolution_is_a_scaled_same_padding_convolution()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var layer = new EqualizedConv2d(4, 6, 3);
        var x = randn(2, 4, 5, 7);

        using var noGrad = no_grad();
        var y = layer.call(x);

        Assert.Equal([2, 6, 5, 7], y.shape);
        var reference = nn.functional.conv2d(x, layer.Weight / Math.Sqrt(4 * 9), layer.Bias, padding: [1, 1]);
        Assert.True(y.allclose(reference, atol: 1e-5));
    }

    [Fact]
    public void Equalized_convolution_refuses_an_even_kernel() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EqualizedConv2d(4, 6, 2));

    [Fact]
    public void Pixel_norm_gives_every_feature_vector_unit_root_mean_square()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var x = randn(3, 16, 4, 4) * 7 + 2;

        var y = new PixelNorm().call(x);

        Assert.True(y.square().mean([1]).allclose(ones(3, 4, 4), atol: 1e-4));
    }

    [Fact]
    public void Minibatch_stddev_appends_the_mean_standard_deviation_of_each_group()
    {
        // Given: 6 images in groups of 3 (images i and i + 3 share a group position, as StyleGAN2 groups them).
        using var scope = NewDisposeScope();
        manual_seed(6);
        var x = randn(6, 2, 3, 3);

        var y = new MinibatchStdDev(groupSize: 3).call(x);

        Assert.Equal([6, 3, 3, 3], y.shape);
        Assert.True(y[.., ..2].allclose(x));
        var group = stack([x[0], x[2], x[4]]); // group m = 0: images 0, 2, 4 (reshape(G=3, M=2, ...))
        var expected = (group.var(0, unbiased: false) + 1e-8).sqrt().mean().item<float>();
        Assert.Equal(expected, y[0, 2, 0, 0].item<float>(), 4);
        Assert.True(y[2, 2].allclose(y[0, 2]) && y[4, 2].allclose(y[0, 2]));
    }

    [Fact]
    public void Minibatch_stddev_takes_the_largest_group_that_divides_the_batch()
    {
        using var scope = NewDisposeScope();
        var x = randn(5, 2, 2, 2);

        var y = new MinibatchStdDev(groupSize: 4).call(x); // 5 is prime: groups of 1, so every stddev is √ε

        Assert.True(y[.., 2].allclose(full(5, 2, 2, 1e-4), atol: 1e-6));
    }
}
