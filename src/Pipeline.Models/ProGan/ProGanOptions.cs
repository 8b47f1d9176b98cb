using System.Numerics;
using System.Text.Json.Serialization;

namespace Pipeline.Models.ProGan;

/// <summary>Everything that fixes a Progressive GAN's generator and discriminator; saved as JSON beside every checkpoint.</summary>
/// <param name="Channels">Image channels: 1 for Fashion-MNIST, 3 for RGB folders.</param>
/// <param name="ImageSize">The final height and width, a power of two from 8: the networks grow from 4×4 by doubling.</param>
/// <param name="ClassCount">Classes to condition on; 0 builds an unconditional pair (labels are then ignored).</param>
/// <param name="LatentSize">Dimension of z ~ N(0, I); 128 keeps the 4×4 dense layer small on a CPU (the paper: 512).</param>
/// <param name="WidthBase">Channels at resolution r are min(<paramref name="MaxWidth"/>, WidthBase / r), the paper's
/// fmap_base / 2^stage rule (Karras et al. 2018, appendix A: 8192 and 512); 512 and 64 give 64, 64, 32, 16 from 4 to
/// 32, about 20 MMAC per 32×32 image in each network: a WGAN-GP step costs some 18 network passes per image, and
/// twice these widths trained at 13 images/s at 32×32 on a loaded two-core machine.</param>
/// <param name="MaxWidth">The cap on channels at the low resolutions.</param>
/// <param name="MinWidth">No stage is narrower than this (64×64 and above).</param>
public sealed record ProGanOptions(
    int Channels = 1,
    int ImageSize = 32,
    int ClassCount = 10,
    int LatentSize = 128,
    int WidthBase = 512,
    int MaxWidth = 64,
    int MinWidth = 16)
{
    /// <summary>Class-conditional Fashion-MNIST padded to 32×32 grey (growth 4 → 8 → 16 → 32).</summary>
    public static ProGanOptions ConditionalFashion32 { get; } = new();

    /// <summary>A class-conditional 32×32 RGB pair for image folders.</summary>
    public static ProGanOptions ConditionalRgb32 { get; } = new(Channels: 3);

    /// <summary>A class-conditional 64×64 RGB pair for image folders (growth to 64; 16 channels at 32×32 and 64×64).</summary>
    public static ProGanOptions ConditionalRgb64 { get; } = new(Channels: 3, ImageSize: 64);

    /// <summary>Whether generator and discriminator take class labels.</summary>
    [JsonIgnore]
    public bool IsConditional => ClassCount > 0;

    /// <summary>The growth stages after the 4×4 start: log₂(ImageSize) − 2 (3 for 32×32).</summary>
    [JsonIgnore]
    public int Levels => BitOperations.Log2((uint)ImageSize) - 2;

    /// <summary>Height and width at growth level <paramref name="level"/> (0: 4×4).</summary>
    public int SizeAt(int level) => 4 << level;

    /// <summary>Feature channels at growth level <paramref name="level"/>.</summary>
    public int WidthAt(int level) => Math.Max(MinWidth, Math.Min(MaxWidth, WidthBase / SizeAt(level)));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot build the networks.</summary>
    public void Validate()
    {
        OptionCheck.Require(Channels is 1 or 3, "Progressive GAN", nameof(Channels), $"1 or 3, got {Channels}");
        OptionCheck.Require(ImageSize >= 8 && BitOperations.IsPow2(ImageSize), "Progressive GAN", nameof(ImageSize),
            $"a power of two from 8 (the networks grow from 4×4 by doubling: 8, 16, 32, 64, ...), got {ImageSize}");
        OptionCheck.Require(ClassCount >= 0, "Progressive GAN", nameof(ClassCount), $"0 (unconditional) or more, got {ClassCount}");
        OptionCheck.Require(LatentSize > 0, "Progressive GAN", nameof(LatentSize), $"positive, got {LatentSize}");
        OptionCheck.Require(MinWidth >= 1 && MaxWidth >= MinWidth, "Progressive GAN", nameof(MaxWidth), $"at least {nameof(MinWidth)} ≥ 1, got {MaxWidth} and {MinWidth}");
        OptionCheck.Require(WidthBase >= 4, "Progressive GAN", nameof(WidthBase), $"at least 4, got {WidthBase}");
    }
}
