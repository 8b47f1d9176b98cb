using Pipeline.Models.Layers;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Models.Tests.Layers;

public sealed class LowPrecisionTests
{
    [Fact]
    public void A_bf16_transposed_convolution_matches_fp32_and_sends_gradients_to_the_fp32_weight_and_bias()
    {
        // Given: a ConvTranspose2d 4×4 / 2 with fp32 parameters and an input, once in fp32 and once in bfloat16.
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var conv = ConvTranspose2d(8, 4, 4, stride: 2, padding: 1);
        var input = randn(2, 8, 7, 7);
        var upstream = randn(2, 4, 14, 14);

        // When: forward and backward through both precisions.
        var reference = conv.call(input);
        (reference * upstream).sum().backward();
        var (weightGrad, biasGrad) = (conv.weight!.grad!.clone(), conv.bias!.grad!.clone());
        conv.zero_grad();
        var low = LowPrecision.ConvTranspose2d(conv, input.to(ScalarType.BFloat16));
        (low.to(ScalarType.Float32) * upstream).sum().backward();

        // Then: bf16 output and fp32 gradients, equal to the fp32 ones within bfloat16 rounding (8 mantissa bits);
        // the bias gradient is the sum of the upstream gradient over batch and positions.
        Assert.Equal(ScalarType.BFloat16, low.dtype);
        Assert.Equal(ScalarType.Float32, conv.bias.grad!.dtype);
        Assert.True(low.to(ScalarType.Float32).allclose(reference, rtol: 0.05, atol: 0.05));
        Assert.True(conv.weight.grad!.allclose(weightGrad, rtol: 0.05, atol: 0.3));
        Assert.True(conv.bias.grad!.allclose(biasGrad, rtol: 0.02, atol: 0.3));
        Assert.True(biasGrad.allclose(upstream.sum([0, 2, 3]), atol: 1e-3));
    }

    [Fact]
    public void In_fp32_every_helper_is_the_plain_call()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        var conv = ConvTranspose2d(3, 2, 4, stride: 2, padding: 1);
        var input = randn(1, 3, 5, 5);

        Assert.True(LowPrecision.ConvTranspose2d(conv, input).eq(conv.call(input)).all().item<bool>());
        Assert.Same(input, LowPrecision.As(input, ScalarType.Float32));
    }
}
