using Pipeline.Models.Layers;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Layers;

public sealed class SelfAttention2dTests
{
    [Fact]
    public void Starts_as_the_identity_and_keeps_the_shape()
    {
        using var scope = NewDisposeScope();
        var block = new SelfAttention2d(16, spectralNorm: true);
        var x = randn(2, 16, 7, 7);

        var y = block.call(x);

        Assert.Equal(x.shape, y.shape);
        Assert.True(y.allclose(x));
    }

    [Fact]
    public void Mixes_positions_once_gamma_is_nonzero()
    {
        using var scope = NewDisposeScope();
        var block = new SelfAttention2d(8, spectralNorm: false);
        using (no_grad())
        {
            block.Gamma.fill_(1.0);
        }

        var x = randn(1, 8, 4, 4);

        Assert.False(block.call(x).allclose(x));
    }
}
