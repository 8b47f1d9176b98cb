using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Models.Tests;

public sealed class ModuleModesTests
{
    [Fact]
    public void Restores_each_modules_own_mode_not_the_roots_for_the_whole_tree()
    {
        // Given: a training-mode wrapper around a block in eval mode (whose inner layer is in training mode).
        using var inner = Linear(2, 2);
        using var block = Sequential(("inner", inner));
        block.eval();
        inner.train();
        using var wrapper = Sequential(("block", block), ("relu", ReLU()));
        wrapper.train(true);
        block.train(false);
        inner.train(true);

        // When
        using (ModuleModes.Eval(wrapper))
        {
            Assert.False(wrapper.training || block.training || inner.training);
        }

        // Then
        Assert.True(wrapper.training);
        Assert.False(block.training);
        Assert.True(inner.training);
    }
}
