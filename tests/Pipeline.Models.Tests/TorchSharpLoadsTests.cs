using TorchSharp;

namespace Pipeline.Models.Tests;

public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void Native_backend_initialises_and_multiplies_matrices()
    {
        using var a = torch.ones(3, 4);
        using var b = torch.ones(4, 2);

        using var product = torch.matmul(a, b);

        Assert.Equal(new long[] { 3, 2 }, product.shape);
        Assert.Equal(4f, product[0, 0].item<float>());
    }
}
