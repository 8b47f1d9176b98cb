namespace Pipeline.Models.Layers;

/// <summary>
/// Channels-last (NHWC) memory order for 4-D activations, which TorchSharp 0.107 has no <c>memory_format</c> for:
/// the same (B, C, H, W) tensor whose elements are stored channel-fastest, strides (HWC, 1, WC, C). libtorch's
/// convolutions, batch norm and elementwise kernels recognise the strides and keep the order in their outputs.
/// </summary>
public static class MemoryLayout
{
    /// <summary>Whether <paramref name="x"/> (B, C, H, W) with C &gt; 1 is stored channel-fastest.</summary>
    public static bool IsChannelsLast(Tensor x) =>
        x.dim() == 4 && x.shape[1] > 1 && x.stride(1) == 1 && x.stride(3) == x.shape[1] && x.stride(2) == x.shape[1] * x.shape[3];

    /// <summary>
    /// <paramref name="x"/> (B, C, H, W) in channels-last order: itself when already so or when it has one channel
    /// (both orders are the same then), otherwise a differentiable copy.
    /// </summary>
    public static Tensor ToChannelsLast(Tensor x) =>
        x.dim() != 4 || x.shape[1] == 1 || IsChannelsLast(x) ? x : x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
}
