using System.Text.Json.Serialization;

namespace Pipeline.Models.Gans;

/// <summary>Everything that fixes a DCGAN-style generator and discriminator; saved as JSON beside every checkpoint.</summary>
/// <param name="Channels">Image channels: 1 for Fashion-MNIST, 3 for RGB folders.</param>
/// <param name="ImageSize">Height and width. The networks halve it while it is even and above 7, so it must reach a
/// base size of 4 to 7 that way: 28 (base 7), 32, 64, 128 (base 4), 48 (base 6) ...</param>
/// <param name="ClassCount">Classes to condition on; 0 builds an unconditional GAN (labels are then ignored).</param>
/// <param name="LatentSize">Dimension of z ~ N(0, I): 128 as in SNGAN/BigGAN at small resolutions.</param>
/// <param name="GeneratorWidth">Channels of the generator's last block; each block nearer z has twice as many.
/// 32 keeps the 28×28 generator at ~50 MFLOP per image, affordable on two CPU cores.</param>
/// <param name="DiscriminatorWidth">Channels of the discriminator's first block, doubled at every halving.</param>
/// <param name="AttentionResolution">Feature-map size at which both networks get a SAGAN self-attention block (e.g. 14
/// for 28×28 images); null for none.</param>
/// <param name="SpectralNorm">Spectrally normalise every discriminator layer (Miyato et al. 2018); with the hinge
/// loss this is the SNGAN recipe that trains stably without a gradient penalty.</param>
/// <param name="AuxiliaryClassifier">Give the conditional discriminator a class head on φ(x) besides the projection
/// (AC-GAN, Odena et al. 2017): D learns to classify real images and G is rewarded for images D classifies as asked.</param>
public sealed record GanOptions(
    int Channels = 1,
    int ImageSize = 28,
    int ClassCount = 10,
    int LatentSize = 128,
    int GeneratorWidth = 32,
    int DiscriminatorWidth = 32,
    int? AttentionResolution = null,
    bool SpectralNorm = true,
    bool AuxiliaryClassifier = false)
{
    /// <summary>The class-conditional DCGAN for 28×28 Fashion-MNIST sized for a two-core CPU (CBN generator, projection discriminator with spectral norm).</summary>
    public static GanOptions ConditionalFashion28 { get; } = new();

    /// <summary>The same networks without conditioning.</summary>
    public static GanOptions Unconditional28 { get; } = new(ClassCount: 0);

    /// <summary>A class-conditional 32×32 RGB GAN with self-attention at 16×16 (for image folders).</summary>
    public static GanOptions ConditionalRgb32 { get; } = new(Channels: 3, ImageSize: 32, GeneratorWidth: 64, DiscriminatorWidth: 64, AttentionResolution: 16);

    /// <summary>A class-conditional 64×64 RGB GAN with self-attention at 32×32.</summary>
    public static GanOptions ConditionalRgb64 { get; } = new(Channels: 3, ImageSize: 64, GeneratorWidth: 64, DiscriminatorWidth: 64, AttentionResolution: 32);

    /// <summary>Whether generator and discriminator take class labels.</summary>
    [JsonIgnore]
    public bool IsConditional => ClassCount > 0;

    /// <summary>Pixels per image, C·H·W.</summary>
    [JsonIgnore]
    public int PixelCount => Channels * ImageSize * ImageSize;

    /// <summary>The feature-map sizes from the base up to the image: 28 → [7, 14, 28], 32 → [4, 8, 16, 32].</summary>
    [JsonIgnore]
    public IReadOnlyList<int> Resolutions
    {
        get
        {
            var sizes = new List<int> { ImageSize };
            while (sizes[0] % 2 == 0 && sizes[0] > 7)
            {
                sizes.Insert(0, sizes[0] / 2);
            }

            return sizes;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot build the networks.</summary>
    public void Validate()
    {
        OptionCheck.Require(Channels is 1 or 3, "GAN", nameof(Channels), $"1 or 3, got {Channels}");
        OptionCheck.Require(ImageSize >= 8, "GAN", nameof(ImageSize), $"at least 8, got {ImageSize}");
        OptionCheck.Require(Resolutions[0] is >= 4 and <= 7 && Resolutions.Count >= 2, "GAN", nameof(ImageSize),
            $"a size that halves to a base of 4 to 7 pixels (28, 32, 48, 64, ...), got {ImageSize}");
        OptionCheck.Require(ClassCount >= 0, "GAN", nameof(ClassCount), $"0 (unconditional) or more, got {ClassCount}");
        OptionCheck.Require(LatentSize > 0, "GAN", nameof(LatentSize), $"positive, got {LatentSize}");
        OptionCheck.Require(GeneratorWidth >= 8 && DiscriminatorWidth >= 8, "GAN", nameof(GeneratorWidth), $"at least 8 channels, got {GeneratorWidth} and {DiscriminatorWidth}");
        OptionCheck.Require(AttentionResolution is null || Resolutions.Skip(1).Contains(AttentionResolution.Value), "GAN", nameof(AttentionResolution),
            $"one of the feature-map sizes {string.Join(", ", Resolutions.Skip(1))}, got {AttentionResolution}");
    }
}
