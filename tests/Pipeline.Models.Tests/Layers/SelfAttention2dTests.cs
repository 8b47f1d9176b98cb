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
        // Given a block whose residual weight is 1, and an input that tracks gradients
        using var scope = NewDisposeScope();
        var block = new SelfAttention2d(8, spectralNorm: false);
        using (no_grad())
        {
            block.Gamma.fill_(1.0);
        }

        var x = randn(1, 8, 4, 4).requires_grad_(true);

        // When the output at one position is differentiated with respect to the input
        block.call(x)[0, .., 3, 3].sum().backward();
        var influence = x.grad!.abs().sum(new long[] { 0, 1 });  // (4, 4): how much each input position moves y[3, 3]

        // Then every other position of the map contributes, not only the position itself (a 1×1 convolution would)
        var reaching = influence.gt(1e-6).sum().item<long>() - (influence[3, 3].item<float>() > 1e-6 ? 1 : 0);
        Assert.Equal(15, reaching);
    }

    [Fact]
    public void Passes_each_position_through_alone_while_gamma_is_zero()
    {
        // Given a fresh block (γ = 0)
        using var scope = NewDisposeScope();
        var block = new SelfAttention2d(8, spectralNorm: false);
        var x = randn(1, 8, 4, 4).requires_grad_(true);

        // When the output at one position is differentiated with respect to the input
        block.call(x)[0, .., 3, 3].sum().backward();
        var influence = x.grad!.abs().sum(new long[] { 0, 1 });

        // Then only that position reaches it
        Assert.Equal(8.0, influence[3, 3].item<float>(), 5);
        influence[3, 3] = 0;
        Assert.Equal(0.0, influence.sum().item<float>(), 6);
    }
}
