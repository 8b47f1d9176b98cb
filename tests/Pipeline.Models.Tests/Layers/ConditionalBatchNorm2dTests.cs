using Pipeline.Models.Layers;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Layers;

public sealed class ConditionalBatchNorm2dTests
{
    [Fact]
    public void Each_class_gets_its_own_scale_and_shift()
    {
        // Given: class 0 with γ = 2, β = 1 and class 1 with γ = −1, β = 3 on every channel.
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var layer = new ConditionalBatchNorm2d(3, 2);
        using (no_grad())
        {
            layer.Gamma.weight![0].fill_(2.0);
            layer.Beta.weight![0].fill_(1.0);
            layer.Gamma.weight![1].fill_(-1.0);
            layer.Beta.weight![1].fill_(3.0);
        }

        var x = randn([4, 3, 5, 5], generator: generator);
        var labels = tensor(new long[] { 0, 1, 0, 1 });

        // When
        var y = layer.call(x, labels);

        // Then: y = γ_y · BN(x) + β_y with BN's batch statistics.
        var normalised = (x - x.mean([0, 2, 3], keepdim: true)) / (x.var([0, 2, 3], unbiased: false, keepdim: true) + 1e-5).sqrt();
        Assert.True(y[0].allclose(2 * normalised[0] + 1, atol: 1e-4));
        Assert.True(y[1].allclose(-1 * normalised[1] + 3, atol: 1e-4));
    }

    [Fact]
    public void Starts_as_plain_batch_normalisation()
    {
        using var layer = new ConditionalBatchNorm2d(4, 10);

        Assert.True(layer.Gamma.weight!.eq(1).all().item<bool>());
        Assert.True(layer.Beta.weight!.eq(0).all().item<bool>());
        Assert.False(layer.Norm.affine);
    }
}
