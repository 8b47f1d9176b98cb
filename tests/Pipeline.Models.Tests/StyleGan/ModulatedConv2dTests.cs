using Pipeline.Models.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.StyleGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class ModulatedConv2dTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(100.0)]
    public void Demodulated_outputs_have_unit_variance_per_channel_whatever_the_style_scale(double scale)
    {
        // Given: i.i.d. unit-variance inputs and positive styles of very different magnitudes.
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var layer = new ModulatedConv2d(8, 16, 6, 3, demodulate: true);
        var x = randn(16, 16, 24, 24);
        var styles = (rand(16, 16) * 2 + 0.1) * scale;

        // When
        using var noGrad = no_grad();
        var y = layer.Modulate(x, styles);

        // Then: Var(y_o) = d_o² Σ (w′ s)² = Σ (w′ s)² / (Σ (w′ s)² + ε) = 1 for each output channel (eq. 2–3), borders
        // (where zero padding removes terms) left out.
        var interior = y[.., .., 1..^1, 1..^1];
        var variance = interior.transpose(0, 1).reshape(6, -1).var(1);
        Assert.True(variance.sub(1).abs().max().item<float>() < 0.05, $"per-channel variances {string.Join(", ", variance.data<float>().ToArray())}");
    }

    [Fact]
    public void Demodulation_makes_the_output_independent_of_the_style_scale()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        using var layer = new ModulatedConv2d(8, 4, 5, 3, demodulate: true);
        var x = randn(3, 4, 6, 6);
        var styles = randn(3, 4);

        using var noGrad = no_grad();
        var y = layer.Modulate(x, styles);

        Assert.True(y.allclose(layer.Modulate(x, styles * 37), rtol: 1e-4, atol: 1e-5));
        Assert.True(y.allclose(layer.Modulate(x, styles * 0.02), rtol: 1e-4, atol: 1e-5));
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 1)]
    public void Non_fused_form_equals_a_convolution_with_each_sample_s_modulated_weight(bool demodulate, int kernel)
    {
        // Given: the paper's fused form per sample, w″ = w′·s_i (eq. 1) and, demodulating, w‴ = w″ / √(Σ w″² + ε) (eq. 3).
        using var scope = NewDisposeScope();
        manual_seed(13);
        using var layer = new ModulatedConv2d(8, 4, 5, kernel, demodulate);
        var x = randn(3, 4, 7, 7);
        var w = randn(3, 8);

        // When
        using var noGrad = no_grad();
        var y = layer.call(x, w);

        // Then
        var styles = layer.Affine.call(w);
        for (var b = 0; b < 3; b++)
        {
            var modulated = layer.EffectiveWeight() * styles[b].reshape(1, 4, 1, 1);
            if (demodulate)
            {
                modulated = modulated / (modulated.square().sum([1, 2, 3], keepdim: true) + ModulatedConv2d.Epsilon).sqrt();
            }

            var expected = nn.functional.conv2d(x[b..(b + 1)], modulated, padding: [kernel / 2, kernel / 2]);
            Assert.True(y[b..(b + 1)].allclose(expected, rtol: 1e-4, atol: 1e-5));
        }
    }

    [Fact]
    public void An_untrained_affine_layer_gives_styles_near_one()
    {
        using var scope = NewDisposeScope();
        manual_seed(14);
        using var layer = new ModulatedConv2d(512, 4, 4, 3, demodulate: true);

        using var noGrad = no_grad();
        var styles = layer.Affine.call(zeros(2, 512));

        Assert.True(styles.allclose(ones(2, 4)));
    }
}
