namespace Pipeline.Training.StyleGan;

/// <summary>The two regularisers of StyleGAN2, without their weights or lazy intervals (the recipe applies those).</summary>
public static class StyleGanRegularizers
{
    /// <summary>
    /// R1 = E[‖∇ₓD(x)‖²] on real images (Mescheder et al. 2018, eq. 9, without γ/2), one value per image (B). The
    /// gradient is taken with create_graph, so the penalty's own gradient reaches D's parameters.
    /// </summary>
    /// <param name="discriminator">D's logits (B) for images (B, C, H, W).</param>
    /// <param name="real">Real images (B, C, H, W), already in D's input range.</param>
    public static Tensor R1(Func<Tensor, Tensor> discriminator, Tensor real)
    {
        using var scope = NewDisposeScope();
        var x = real.detach().requires_grad_(true);                                              // (B, C, H, W)
        var logits = discriminator(x);                                                          // (B)
        var gradient = autograd.grad([logits.sum()], [x], retain_graph: true, create_graph: true)[0];
        return gradient.square().sum([1, 2, 3]).MoveToOuterDisposeScope();                      // (B)
    }

    /// <summary>
    /// The path lengths ‖J_wᵀ y‖₂ of Karras et al. 2020, eq. 4, one per image (B): y ~ N(0, I)/√(H·W) is a random image
    /// direction (scaled so the length does not depend on the resolution, as StyleGAN2), and J_wᵀ y is obtained as the
    /// gradient of (g(w)·y) with respect to the styles ws (B, L, W), averaged over the L style inputs as StyleGAN2 does.
    /// The gradient keeps its graph so the penalty (‖J_wᵀ y‖ − a)² trains the synthesis.
    /// </summary>
    /// <param name="synthesis">g: styles (B, L, W) → images (B, C, H, W).</param>
    /// <param name="ws">Styles (B, L, W); gradients are taken with respect to a detached copy.</param>
    public static Tensor PathLengths(Func<Tensor, Tensor> synthesis, Tensor ws)
    {
        using var scope = NewDisposeScope();
        var w = ws.detach().requires_grad_(true);                                               // (B, L, W)
        var images = synthesis(w);                                                              // (B, C, H, W)
        var y = randn_like(images) / Math.Sqrt(images.shape[2] * images.shape[3]);
        var gradient = autograd.grad([(images * y).sum()], [w], retain_graph: true, create_graph: true)[0]; // Jᵀy (B, L, W)
        return gradient.square().sum(2).mean([1]).sqrt().MoveToOuterDisposeScope();            // (B)
    }

    /// <summary>The path-length penalty (‖J_wᵀ y‖₂ − a)², averaged over the batch (Karras et al. 2020, eq. 4).</summary>
    public static Tensor PathLengthPenalty(Tensor lengths, double runningMean) => (lengths - runningMean).square().mean();
}
