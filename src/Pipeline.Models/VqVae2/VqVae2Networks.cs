using Pipeline.Models.Translation;

namespace Pipeline.Models.VqVae2;

/// <summary>
/// The convolutional stacks of VQ-VAE-2 (Razavi et al. 2019, fig. 2a; layer sizes after rosinality/vq-vae-2-pytorch),
/// built from plain layers and <see cref="ResidualBlock"/> so that the general exporter converts them unchanged.
/// Halving a grid of side n uses a 4×4 stride-2 convolution when n is even and a 3×3 one when n is odd (both give
/// ⌈n/2⌉), and the matching transposed convolution gives n back, so odd grids (7×7) work at every level.
/// </summary>
public static class VqVae2Networks
{
    /// <summary>(ReLU → 3×3 conv → ReLU → 1×1 conv) + x, <paramref name="blocks"/> times, then ReLU.</summary>
    public static Sequential ResidualStack(int channels, int residualChannels, int blocks)
    {
        var layers = new List<(string, Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)>();
        for (var i = 0; i < blocks; i++)
        {
            layers.Add(($"block{i}", new ResidualBlock(Sequential(
                ("relu1", ReLU()),
                ("conv1", Conv2d(channels, residualChannels, 3, padding: 1)),
                ("relu2", ReLU()),
                ("conv2", Conv2d(residualChannels, channels, 1))))));
        }

        layers.Add(("relu", ReLU()));
        return Sequential(layers);
    }

    /// <summary>Image (B, C, S, S) → bottom features (B, hidden, S/stride, S/stride).</summary>
    public static Sequential BottomEncoder(VqVae2Options o)
    {
        var half = o.HiddenChannels / 2;
        var layers = new List<(string, Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)>
        {
            ("down1", Conv2d(o.Channels, half, 4, stride: 2, padding: 1)),
            ("relu1", ReLU()),
        };
        if (o.BottomStride == 4)
        {
            layers.Add(("down2", Conv2d(half, o.HiddenChannels, 4, stride: 2, padding: 1)));
            layers.Add(("relu2", ReLU()));
            layers.Add(("conv", Conv2d(o.HiddenChannels, o.HiddenChannels, 3, padding: 1)));
        }
        else
        {
            layers.Add(("conv", Conv2d(half, o.HiddenChannels, 3, padding: 1)));
        }

        layers.Add(("residual", ResidualStack(o.HiddenChannels, o.ResidualChannels, o.ResidualBlocks)));
        return Sequential(layers);
    }

    /// <summary>Bottom features (B, hidden, b, b) → top features (B, hidden, ⌈b/2⌉, ⌈b/2⌉).</summary>
    public static Sequential TopEncoder(VqVae2Options o) => Sequential(
        ("down", Conv2d(o.HiddenChannels, o.HiddenChannels / 2, HalvingKernel(o.BottomGrid), stride: 2, padding: 1)),
        ("relu", ReLU()),
        ("conv", Conv2d(o.HiddenChannels / 2, o.HiddenChannels, 3, padding: 1)),
        ("residual", ResidualStack(o.HiddenChannels, o.ResidualChannels, o.ResidualBlocks)));

    /// <summary>Quantised top codes (B, D, t, t) → features (B, D, b, b) that condition the bottom quantisation.</summary>
    public static Sequential TopDecoder(VqVae2Options o) => Sequential(
        ("conv", Conv2d(o.CodeDim, o.HiddenChannels, 3, padding: 1)),
        ("residual", ResidualStack(o.HiddenChannels, o.ResidualChannels, o.ResidualBlocks)),
        ("up", ConvTranspose2d(o.HiddenChannels, o.CodeDim, HalvingKernel(o.BottomGrid), stride: 2, padding: 1)));

    /// <summary>Quantised top codes (B, D, t, t) → (B, D, b, b) for the image decoder.</summary>
    public static ConvTranspose2d TopUpsample(VqVae2Options o) =>
        ConvTranspose2d(o.CodeDim, o.CodeDim, HalvingKernel(o.BottomGrid), stride: 2, padding: 1);

    /// <summary>Both levels' codes (B, 2D, b, b) → reconstruction (B, C, S, S) in image units (not clipped).</summary>
    public static Sequential Decoder(VqVae2Options o)
    {
        var half = o.HiddenChannels / 2;
        var layers = new List<(string, Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)>
        {
            ("conv", Conv2d(2 * o.CodeDim, o.HiddenChannels, 3, padding: 1)),
            ("residual", ResidualStack(o.HiddenChannels, o.ResidualChannels, o.ResidualBlocks)),
        };
        if (o.BottomStride == 4)
        {
            layers.Add(("up1", ConvTranspose2d(o.HiddenChannels, half, 4, stride: 2, padding: 1)));
            layers.Add(("relu", ReLU()));
            layers.Add(("up2", ConvTranspose2d(half, o.Channels, 4, stride: 2, padding: 1)));
        }
        else
        {
            layers.Add(("up1", ConvTranspose2d(o.HiddenChannels, o.Channels, 4, stride: 2, padding: 1)));
        }

        return Sequential(layers);
    }

    /// <summary>4 for an even side (4×4 stride 2 pad 1 halves it exactly), 3 for an odd one (gives ⌈n/2⌉ and back).</summary>
    public static int HalvingKernel(int side) => side % 2 == 0 ? 4 : 3;
}
