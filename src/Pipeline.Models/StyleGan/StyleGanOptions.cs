using System.Text.Json.Serialization;

namespace Pipeline.Models.StyleGan;

/// <summary>Everything that fixes a StyleGAN2 generator and discriminator; saved as JSON beside every checkpoint.</summary>
/// <param name="ImageSize">Height and width, a power of two ≥ 8: the synthesis doubles a learned 4×4 constant up to it.</param>
/// <param name="Channels">Image channels: 1 grey, 3 RGB.</param>
/// <param name="LatentSize">Dimension of z ~ N(0, I).</param>
/// <param name="StyleSize">Dimension of w, the intermediate latent the mapping network produces.</param>
/// <param name="MappingLayers">Fully connected layers of the mapping network. StyleGAN uses 8 at 1024² (Karras et al.
/// 2019, §2), but StyleGAN2-ADA's CIFAR-10 configuration trains its 32×32 models with 2 (Karras et al. 2020b, appendix
/// D, "map=2") at no loss of quality; 4 keeps some of the depth that disentangles w at a small cost on a CPU.</param>
/// <param name="ClassCount">Classes to condition on: 0 builds unconditional networks; above 0 the mapping network
/// concatenates a normalised class embedding to the normalised z (StyleGAN2-ADA) and the discriminator adds a
/// projection term (Miyato and Koyama 2018).</param>
/// <param name="MaxWidth">Feature channels at 4×4 and 8×8; halved at every doubling above 8×8.</param>
/// <param name="MinWidth">The floor of that halving at high resolutions (StyleGAN2's channel_base/channel_max
/// schedule, written as two widths).</param>
/// <param name="MappingLearningRateMultiplier">λ of the mapping network's equalized layers: 0.01 as in StyleGAN
/// (Karras et al. 2019, appendix C), so w moves slowly compared with the synthesis weights.</param>
/// <param name="MinibatchStdGroup">Images per minibatch standard-deviation group in the discriminator (StyleGAN2: 4).</param>
public sealed record StyleGanOptions(
    int ImageSize = 32,
    int Channels = 1,
    int LatentSize = 128,
    int StyleSize = 128,
    int MappingLayers = 4,
    int ClassCount = 0,
    int MaxWidth = 256,
    int MinWidth = 64,
    double MappingLearningRateMultiplier = 0.01,
    int MinibatchStdGroup = 4)
{
    private const string Owner = "StyleGAN";

    /// <summary>Class-conditional 32×32 grey (Fashion-MNIST padded to 32×32), 10 classes.</summary>
    public static StyleGanOptions Fashion32 { get; } = new(ClassCount: 10);

    /// <summary>Unconditional 32×32 RGB.</summary>
    public static StyleGanOptions Rgb32 { get; } = new(Channels: 3);

    /// <summary>Unconditional 64×64 RGB.</summary>
    public static StyleGanOptions Rgb64 { get; } = new(ImageSize: 64, Channels: 3);

    /// <summary>Whether the networks take class labels.</summary>
    [JsonIgnore]
    public bool IsConditional => ClassCount > 0;

    /// <summary>The feature-map sizes of the synthesis, 4 first: 32 → [4, 8, 16, 32].</summary>
    [JsonIgnore]
    public IReadOnlyList<int> Resolutions
    {
        get
        {
            var sizes = new List<int>();
            for (var size = 4; size <= ImageSize; size *= 2)
            {
                sizes.Add(size);
            }

            return sizes;
        }
    }

    /// <summary>
    /// L, the number of w vectors the synthesis consumes, 2·R for R resolutions (8 at 32×32, 10 at 64×64), as
    /// StyleGAN2's num_ws: index 0 is the 4×4 convolution; the block at resolution index k ≥ 1 uses 2k − 1 and 2k for
    /// its two convolutions; the toRGB at resolution index k uses 2k + 1, shared with the next block's first
    /// convolution, the last toRGB using the final index 2R − 1.
    /// </summary>
    [JsonIgnore]
    public int StyleCount => 2 * Resolutions.Count;

    /// <summary>Feature channels at <paramref name="resolution"/>: MaxWidth up to 8×8, halved per doubling, never below MinWidth.</summary>
    public int WidthAt(int resolution) => Math.Max(MinWidth, resolution <= 8 ? MaxWidth : MaxWidth / (resolution / 8));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot build the networks.</summary>
    public void Validate()
    {
        OptionCheck.Require(ImageSize >= 8 && (ImageSize & (ImageSize - 1)) == 0, Owner, nameof(ImageSize), $"a power of two of at least 8 (8, 16, 32, 64, ...), got {ImageSize}");
        OptionCheck.Require(Channels is 1 or 3, Owner, nameof(Channels), $"1 or 3, got {Channels}");
        OptionCheck.Require(LatentSize > 0, Owner, nameof(LatentSize), $"positive, got {LatentSize}");
        OptionCheck.Require(StyleSize > 0, Owner, nameof(StyleSize), $"positive, got {StyleSize}");
        OptionCheck.Require(MappingLayers >= 1, Owner, nameof(MappingLayers), $"at least 1, got {MappingLayers}");
        OptionCheck.Require(ClassCount >= 0, Owner, nameof(ClassCount), $"0 (unconditional) or more, got {ClassCount}");
        OptionCheck.Require(MinWidth >= 1, Owner, nameof(MinWidth), $"at least 1, got {MinWidth}");
        OptionCheck.Require(MaxWidth >= MinWidth, Owner, nameof(MaxWidth), $"at least MinWidth ({MinWidth}), got {MaxWidth}");
        OptionCheck.Require(MappingLearningRateMultiplier is > 0 and <= 1, Owner, nameof(MappingLearningRateMultiplier), $"in (0, 1], got {MappingLearningRateMultiplier}");
        OptionCheck.Require(MinibatchStdGroup >= 1, Owner, nameof(MinibatchStdGroup), $"at least 1, got {MinibatchStdGroup}");
    }
}
