using System.Text.Json.Serialization;
using Pipeline.Models.Translation;

namespace Pipeline.Training.Translation;

/// <summary>pix2pix's networks and weights (Isola et al. 2017).</summary>
/// <param name="InputChannels">Channels of A.</param>
/// <param name="OutputChannels">Channels of B.</param>
/// <param name="ImageSize">Side of the square images; the U-Net halves it as often as it stays even.</param>
/// <param name="GeneratorWidth">Channels of the U-Net's first layer (64 published).</param>
/// <param name="DiscriminatorWidth">Channels of the PatchGAN's first layer (64 published).</param>
/// <param name="L1Weight">λ of the L1 term (eq. 4: λ = 100).</param>
/// <param name="Dropout">Dropout of the three up layers next to the bottleneck (0.5 published).</param>
/// <param name="Adversarial">Whether to train against D; false gives the L1-only U-Net baseline.</param>
/// <param name="Upsampling">
/// The U-Net's up layers: nearest ×2 then a 3×3 convolution. The published 4×4 stride-2 transposed convolutions give
/// the inner pixels of a 4×4 or 8×8 map two taps per axis and its border pixels one, so at 32 px the decoder's small
/// maps carried three times more energy in their central 2×2 than at their border, which drew a dark block at the
/// centre of shirts and coats.
/// </param>
/// <param name="InnerLevelsWithoutNorm">
/// Innermost U-Net levels without instance norm: 1, the bottleneck, as published; 2 also leaves the 2×2 maps
/// unnormalised, which did not remove the centre block.
/// </param>
public sealed record Pix2PixOptions(
    int InputChannels = 1,
    int OutputChannels = 1,
    int ImageSize = 32,
    int GeneratorWidth = 32,
    int DiscriminatorWidth = 32,
    double L1Weight = 100,
    double Dropout = 0.5,
    bool Adversarial = true,
    UNetUpsampling Upsampling = UNetUpsampling.NearestConvolution,
    int InnerLevelsWithoutNorm = 1)
{
    /// <summary>
    /// Reads a saved config: a run saved before <see cref="Upsampling"/> and <see cref="InnerLevelsWithoutNorm"/>
    /// existed trained the published U-Net, so absent values load as that network, not as today's defaults. (The
    /// parameters come first only to give this constructor a signature of its own.)
    /// </summary>
    [JsonConstructor]
    private Pix2PixOptions(
        UNetUpsampling upsampling = UNetUpsampling.TransposedConvolution,
        int innerLevelsWithoutNorm = 1,
        int inputChannels = 1,
        int outputChannels = 1,
        int imageSize = 32,
        int generatorWidth = 32,
        int discriminatorWidth = 32,
        double l1Weight = 100,
        double dropout = 0.5,
        bool adversarial = true)
        : this(inputChannels, outputChannels, imageSize, generatorWidth, discriminatorWidth, l1Weight, dropout, adversarial, upsampling, innerLevelsWithoutNorm)
    {
    }
}

/// <summary>Builds pix2pix as a <see cref="PairedTranslationRecipe"/>: U-Net G, PatchGAN D on (A, B) pairs, GAN + λ·L1.</summary>
public static class Pix2PixRecipe
{
    /// <summary>The recipe, with weights drawn from the training seed.</summary>
    public static PairedTranslationRecipe Create(Pix2PixOptions options, TranslationTrainingOptions training, Device device)
    {
        random.manual_seed(training.Seed);
        var (generator, discriminator) = TranslationNetworks.Pix2Pix(options);
        // Eq. 4: G* = arg min_G max_D L_cGAN(G, D) + λ L_L1(G), L_L1 = E‖y − G(x)‖₁.
        return new PairedTranslationRecipe(generator, discriminator, conditional: true,
            (fake, target) => options.L1Weight * (fake - target).abs().mean(), adversarialWeight: 1, training, device);
    }
}
