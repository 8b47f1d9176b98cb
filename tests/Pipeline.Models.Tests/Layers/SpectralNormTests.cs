using Pipeline.Models.Layers;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Layers;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class SpectralNormTests
{
    [Fact]
    public void Largest_singular_value_of_the_normalised_weight_is_one_after_power_iterations()
    {
        // Given: a convolution whose weight matrix (16, 8·3·3) has a largest singular value far from 1.
        using var scope = NewDisposeScope();
        manual_seed(3);
        var layer = SpectralNorm.Conv2d(8, 16, 3, padding: 1);
        using (no_grad())
        {
            layer.WeightOrig.mul_(5.0);
        }

        // When: the training-mode forward runs one power iteration per call.
        for (var i = 0; i < 30; i++)
        {
            layer.call(randn(2, 8, 5, 5));
        }

        // Then
        using var noGrad = no_grad();
        var normalised = layer.NormalizedWeight().reshape(16, -1);
        var sigmaMax = linalg.svdvals(normalised)[0].item<float>();
        var trueSigma = linalg.svdvals(layer.WeightOrig.reshape(16, -1))[0].item<float>();
        Assert.Equal(1.0, sigmaMax, 0.01);
        Assert.Equal(trueSigma, layer.SigmaEstimate(), trueSigma * 0.01);
    }

    [Fact]
    public void Eval_mode_uses_the_stored_vector_without_updating_it()
    {
        using var scope = NewDisposeScope();
        var layer = SpectralNorm.Linear(6, 4);
        layer.eval();
        var before = layer.U.clone();

        using (no_grad())
        {
            layer.call(randn(3, 6));
        }

        Assert.True(before.allclose(layer.U, rtol: 0, atol: 0));
    }

    [Fact]
    public void Forward_equals_a_plain_linear_layer_with_the_normalised_weight()
    {
        using var scope = NewDisposeScope();
        var layer = SpectralNorm.Linear(6, 4);
        layer.eval();
        var x = randn(3, 6);

        using var noGrad = no_grad();
        var expected = nn.functional.linear(x, layer.NormalizedWeight(), layer.Bias);

        Assert.True(layer.call(x).allclose(expected));
    }

    [Fact]
    public void Checkpoint_keys_are_weight_orig_bias_and_weight_u()
    {
        using var layer = SpectralNorm.Conv2d(2, 3, 3);

        var keys = layer.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

        Assert.Equal(["bias", "weight_orig", "weight_u"], keys);
    }
}
