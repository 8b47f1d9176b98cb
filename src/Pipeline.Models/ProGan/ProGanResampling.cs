namespace Pipeline.Models.ProGan;

/// <summary>
/// The resampling of Progressive GAN (Karras et al. 2018, §3 and figure 2): nearest-neighbour doubling in the
/// generator, 2×2 average pooling in the discriminator and for the real images, and the fade-in that blends a new
/// resolution's path with the previous one's by α.
/// </summary>
public static class ProGanResampling
{
    /// <summary>Nearest-neighbour ×2: (B, C, H, W) → (B, C, 2H, 2W).</summary>
    public static Tensor Double(Tensor x) => functional.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Nearest);

    /// <summary>2×2 average pooling: (B, C, H, W) → (B, C, H/2, W/2).</summary>
    public static Tensor Halve(Tensor x) => functional.avg_pool2d(x, 2);

    /// <summary>(1 − α)·<paramref name="previous"/> + α·<paramref name="next"/>; exactly <paramref name="next"/> at α ≥ 1.</summary>
    public static Tensor Fade(Tensor previous, Tensor next, double alpha) => alpha >= 1 ? next : previous.lerp(next, alpha);

    /// <summary>
    /// Real images (B, C, S, S) as the discriminator sees them at <paramref name="size"/> while fading by α: average-
    /// pooled to the size, and during a transition blended with their half-size version doubled again, the same
    /// blend the generator's output goes through (Karras et al. 2018, appendix A.1).
    /// </summary>
    public static Tensor RealsAt(Tensor images, int size, double alpha)
    {
        using var scope = NewDisposeScope();
        var factor = images.shape[2] / size;
        var current = factor > 1 ? functional.avg_pool2d(images, factor) : images;     // (B, C, size, size)
        var faded = alpha >= 1 ? current : Fade(Double(Halve(current)), current, alpha);
        return faded.MoveToOuterDisposeScope();
    }
}
