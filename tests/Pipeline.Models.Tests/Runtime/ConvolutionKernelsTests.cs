using Pipeline.Models.Runtime;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Runtime;

public sealed class ConvolutionKernelsTests
{
    [Theory]
    [InlineData(8, 8, 3, 28)]
    [InlineData(8, 1, 9, 28)]
    [InlineData(1, 8, 9, 7)]
    [InlineData(16, 32, 3, 14)]
    public void Convolution_input_gradients_equal_a_direct_sum_every_time(int inChannels, int outChannels, int kernel, int size)
    {
        // Given: the guard has decided, as it does whenever this assembly loads.
        Assert.Contains("oneDNN", ConvolutionKernels.Status);
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var input = rand([4, inChannels, size, size], generator: generator);
        var upstream = rand([4, outChannels, size, size], generator: generator);
        var weight = rand([outChannels, inChannels, kernel, kernel], generator: generator) - 0.5;
        var expected = DirectInputGradientSum(weight.data<float>().ToArray(), upstream.data<float>().ToArray(), inChannels, outChannels, kernel, size);

        // When: the backward pass of a same-padded convolution, five times.
        var sums = Enumerable.Range(0, 5).Select(_ =>
        {
            var x = input.clone().requires_grad_(true);
            nn.functional.conv2d(x, weight, padding: [kernel / 2, kernel / 2]).backward([upstream]);
            return x.grad!.sum().item<float>();
        }).ToArray();

        // Then
        Assert.All(sums, sum => Assert.Equal(expected, sum, Math.Abs(expected) * 1e-4 + 1e-3));
    }

    // Σ over the input of ∂L/∂x = Σ over outputs and in-bounds taps of upstream · weight.
    private static double DirectInputGradientSum(float[] weight, float[] upstream, int inChannels, int outChannels, int kernel, int size)
    {
        var pad = kernel / 2;
        var total = 0.0;
        for (var n = 0; n < 4; n++)
        {
            for (var o = 0; o < outChannels; o++)
            {
                for (var y = 0; y < size; y++)
                {
                    for (var x = 0; x < size; x++)
                    {
                        var g = upstream[(((n * outChannels) + o) * size + y) * size + x];
                        for (var i = 0; i < inChannels; i++)
                        {
                            for (var ky = 0; ky < kernel; ky++)
                            {
                                for (var kx = 0; kx < kernel; kx++)
                                {
                                    var (iy, ix) = (y + ky - pad, x + kx - pad);
                                    if (iy >= 0 && iy < size && ix >= 0 && ix < size)
                                    {
                                        total += g * weight[(((o * inChannels) + i) * kernel + ky) * kernel + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        return total;
    }
}
