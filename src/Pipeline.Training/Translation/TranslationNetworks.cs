using Pipeline.Models.Translation;

namespace Pipeline.Training.Translation;

/// <summary>
/// The networks of each recipe built from its options, in one place, so that training and loading a run for
/// evaluation or export build the same shapes under the same checkpoint names.
/// </summary>
public static class TranslationNetworks
{
    /// <summary>CycleGAN's G_A, G_B (ResNet generators) and D_A, D_B (PatchGANs), sized by the image size.</summary>
    public static (ResnetGenerator GeneratorA, ResnetGenerator GeneratorB, PatchDiscriminator DiscriminatorA, PatchDiscriminator DiscriminatorB) CycleGan(CycleGanOptions o)
    {
        var blocks = ResnetGenerator.BlocksFor(o.ImageSize);
        var layers = PatchDiscriminator.LayersFor(o.ImageSize);
        return (new ResnetGenerator(o.Channels, o.Channels, o.GeneratorWidth, blocks),
            new ResnetGenerator(o.Channels, o.Channels, o.GeneratorWidth, blocks),
            new PatchDiscriminator(o.Channels, o.DiscriminatorWidth, layers),
            new PatchDiscriminator(o.Channels, o.DiscriminatorWidth, layers));
    }

    /// <summary>pix2pix's U-Net and, unless L1-only, its PatchGAN on (A, B) stacked on channels.</summary>
    public static (UNetGenerator Generator, PatchDiscriminator? Discriminator) Pix2Pix(Pix2PixOptions o) =>
        (new UNetGenerator(o.InputChannels, o.OutputChannels, UNetGenerator.DepthFor(o.ImageSize), o.GeneratorWidth, o.Dropout, o.Upsampling, o.InnerLevelsWithoutNorm),
            o.Adversarial ? new PatchDiscriminator(o.InputChannels + o.OutputChannels, o.DiscriminatorWidth, PatchDiscriminator.LayersFor(o.ImageSize)) : null);

    /// <summary>The residual sub-pixel generator and, with an adversarial weight, a PatchGAN on high-resolution images.</summary>
    public static (SuperResolutionGenerator Generator, PatchDiscriminator? Discriminator) SuperResolution(SuperResolutionOptions o) =>
        (new SuperResolutionGenerator(o.Channels, o.Factor, o.GeneratorWidth, o.Blocks),
            o.AdversarialWeight > 0 ? new PatchDiscriminator(o.Channels, o.DiscriminatorWidth, PatchDiscriminator.LayersFor(o.HighResolutionSize)) : null);

    /// <summary>The generator(s) of a run's config with every module its checkpoint holds, under the recipes' names.</summary>
    /// <returns>The forward generator (A → B), the backward one (B → A, CycleGAN only) and all named modules.</returns>
    public static (nn.Module<Tensor, Tensor> Forward, nn.Module<Tensor, Tensor>? Backward, (string Name, nn.Module Module)[] Modules) ForRun(TranslationRunConfig config)
    {
        switch (config.Recipe)
        {
            case TranslationRecipeKind.CycleGan:
                var o = config.CycleGan!;
                var (ga, gb, da, db) = CycleGan(o);
                long[] shape = [o.Channels, o.ImageSize, o.ImageSize];
                return (ga, gb, CycleGanRecipe.Named(ga, gb, da, db, new ImagePool(o.PoolSize, shape), new ImagePool(o.PoolSize, shape)));
            case TranslationRecipeKind.Pix2Pix:
                var (unet, patch) = Pix2Pix(config.Pix2Pix!);
                return (unet, null, PairedTranslationRecipe.Named(unet, patch));
            default:
                var (sr, d) = SuperResolution(config.SuperResolution!);
                return (sr, null, PairedTranslationRecipe.Named(sr, d));
        }
    }
}
