using Pipeline.Models.Gans;

namespace Pipeline.Training.Gans;

/// <summary>
/// A trained generator as its latent pictures (interpolation, class-mean arithmetic, nearest neighbours) see it: the
/// latent size and classes of <paramref name="Shape"/>, and G(z (N, Z), labels (N)) → images (N, C, H, W) in [0, 1],
/// in eval mode and batched, at the size the pictures and the classifier take. Any GAN family's generator is one.
/// </summary>
public sealed record LatentGenerator(GanOptions Shape, Func<Tensor, Tensor, Tensor> Generate)
{
    /// <summary>A DCGAN-style generator as it is.</summary>
    public static LatentGenerator Of(DcganGenerator generator) => new(generator.Options, (z, labels) => GanImagery.Generate(generator, z, labels));
}
