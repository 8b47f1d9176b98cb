namespace Pipeline.Training.StyleGan;

/// <summary>
/// Adaptive discriminator augmentation (Karras et al. 2020b, "Training Generative Adversarial Networks with Limited
/// Data"), its two cheapest, non-leaking operations: a horizontal flip and an integer translation of up to 1/8 of the
/// image (reflect-padded), each applied to an image with probability p. Every image D sees, real or generated, in D's
/// and in G's step, goes through it, so G cannot learn the augmentations (§2). p follows the overfitting heuristic
/// r_t = E[sign(D(x))] on real images: raised when r_t is above the target, lowered when below (§3).
/// </summary>
public static class AdaptiveAugmentation
{
    /// <summary>
    /// Images (B, C, H, W) flipped and translated, each operation per image with probability <paramref name="p"/>;
    /// differentiable in the images (gathers), so G's gradient passes through. Uses the global generator.
    /// </summary>
    public static Tensor Apply(Tensor images, double p)
    {
        if (p <= 0)
        {
            return images;
        }

        using var scope = NewDisposeScope();
        var (b, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        var flip = (rand(b, device: images.device) < p).view(b, 1, 1, 1);
        var x = where(flip, images.flip(3), images);                                            // (B, C, H, W)

        var shift = Math.Max(1, (int)Math.Round(w / 8.0));
        var translate = (rand(b, device: images.device) < p).to(ScalarType.Int64);              // (B) 1 where translated
        var dx = randint(-shift, shift + 1, [b], dtype: ScalarType.Int64, device: images.device) * translate;
        var dy = randint(-shift, shift + 1, [b], dtype: ScalarType.Int64, device: images.device) * translate;
        var padded = nn.functional.pad(x, [shift, shift, shift, shift], PaddingModes.Reflect);  // (B, C, H+2s, W+2s)
        var rows = arange(h, dtype: ScalarType.Int64, device: images.device).unsqueeze(0) + shift - dy.unsqueeze(1);   // (B, H)
        var columns = arange(w, dtype: ScalarType.Int64, device: images.device).unsqueeze(0) + shift - dx.unsqueeze(1); // (B, W)
        var shifted = padded.gather(2, rows.view(b, 1, h, 1).expand(b, c, h, padded.shape[3]))   // (B, C, H, W+2s)
            .gather(3, columns.view(b, 1, 1, w).expand(b, c, h, w));                             // (B, C, H, W)
        return shifted.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// p after an interval of <paramref name="images"/> real images whose mean sign of D(x) was <paramref name="rt"/>:
    /// p + sign(r_t − target)·images/speed, clamped to [0, 1] (StyleGAN2-ADA's update).
    /// </summary>
    public static double Adjust(double p, double rt, double target, double images, double speedImages) =>
        Math.Clamp(p + (Math.Sign(rt - target) * images / speedImages), 0, 1);
}
