namespace Pipeline.Models.Translation;

/// <summary>Layer settings shared by the translators.</summary>
internal static class TranslatorLayers
{
    /// <summary>
    /// Instance norm without learned scale or tracked statistics, as the CycleGAN/pix2pix reference code builds it:
    /// every image is normalised by its own statistics in training and inference alike, so eval mode changes nothing.
    /// </summary>
    public static InstanceNorm2d InstanceNorm(int channels) => InstanceNorm2d(channels, affine: false, track_running_stats: false);

    /// <summary>A ×2 upsampling layer from <paramref name="from"/> to <paramref name="to"/> channels, named as checkpoints hold it.</summary>
    public static IEnumerable<(string Name, Module<Tensor, Tensor> Layer)> Upsampling(UNetUpsampling kind, int from, int to) => kind switch
    {
        UNetUpsampling.TransposedConvolution => [("conv", ConvTranspose2d(from, to, 4, stride: 2, padding: 1))],
        UNetUpsampling.NearestConvolution => [("up", Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)), ("conv", Conv2d(from, to, 3, padding: 1))],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown upsampling."),
    };

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
