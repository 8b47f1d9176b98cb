using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Pipeline.Models.Translation;

/// <summary>Layer settings shared by the translators.</summary>
internal static class TranslatorLayers
{
    /// <summary>
    /// Instance norm without learned scale or tracked statistics, as the CycleGAN/pix2pix reference code builds it:
    /// every image is normalised by its own statistics in training and inference alike, so eval mode changes nothing.
    /// </summary>
    public static InstanceNorm2d InstanceNorm(int channels) => InstanceNorm2d(channels, affine: false, track_running_stats: false);

    /// <summary>Channel width at a level of a network that doubles its width per level, capped at 8× (pix2pix, CycleGAN).</summary>
    public static int Width(int baseWidth, int level) => baseWidth * Math.Min(1 << level, 8);

    /// <summary>Throws unless both sides of <paramref name="height"/> x <paramref name="width"/> are multiples of <paramref name="multiple"/>.</summary>
    public static void RequireMultiple(string network, long height, long width, int multiple)
    {
        if (height % multiple != 0 || width % multiple != 0)
        {
            throw new ArgumentException($"The {network} needs H and W divisible by {multiple}, found {height}x{width}; resize or pad the images.");
        }
    }
}
