namespace Pipeline.Training.Translation;

/// <summary>
/// Full-reference image quality of outputs against ground truth, both (N, C, H, W) in [0, 1], averaged over images.
/// </summary>
public static class ImageQuality
{
    /// <summary>Mean absolute error per pixel.</summary>
    public static double L1(Tensor output, Tensor truth)
    {
        using var scope = NewDisposeScope();
        return (output - truth).abs().mean().item<float>();
    }

    /// <summary>Peak signal-to-noise ratio 10·log₁₀(1 / MSE) in dB with peak 1, per image, then averaged; identical images count as 100 dB.</summary>
    public static double Psnr(Tensor output, Tensor truth)
    {
        using var scope = NewDisposeScope();
        var mse = (output - truth).square().flatten(1).mean([1L]).clamp_min(1e-10);   // (N)
        return (10 * log10(1 / mse)).mean().item<float>();
    }

    /// <summary>
    /// Structural similarity (Wang et al. 2004, eq. 13) with their 11×11 Gaussian window (σ = 1.5), K₁ = 0.01,
    /// K₂ = 0.03 and dynamic range 1, over every valid window position and channel, then averaged.
    /// </summary>
    public static double Ssim(Tensor output, Tensor truth)
    {
        using var scope = NewDisposeScope();
        var channels = output.shape[1];
        var size = (int)Math.Min(11, Math.Min(output.shape[2], output.shape[3]));
        var window = GaussianWindow(size, 1.5, channels, output.device);               // (C, 1, k, k)
        Tensor Blur(Tensor x) => nn.functional.conv2d(x, window, groups: channels);
        var (muX, muY) = (Blur(output), Blur(truth));
        var sigmaX = Blur(output * output) - (muX * muX);
        var sigmaY = Blur(truth * truth) - (muY * muY);
        var sigmaXy = Blur(output * truth) - (muX * muY);
        const double C1 = 0.01 * 0.01, C2 = 0.03 * 0.03;
        var map = ((2 * muX * muY) + C1) * ((2 * sigmaXy) + C2) / (((muX * muX) + (muY * muY) + C1) * (sigmaX + sigmaY + C2));
        return map.mean().item<float>();
    }

    /// <summary>Bicubic upsampling by <paramref name="factor"/> (Keys 1981, a = −0.75 as PyTorch), clipped to [0, 1]: the baseline of super-resolution.</summary>
    public static Tensor Bicubic(Tensor lowResolution, int factor)
    {
        var size = new long[] { lowResolution.shape[2] * factor, lowResolution.shape[3] * factor };
        return nn.functional.interpolate(lowResolution, size, mode: InterpolationMode.Bicubic, align_corners: false).clamp(0, 1);
    }

    private static Tensor GaussianWindow(int size, double sigma, long channels, Device device)
    {
        var offsets = arange(size, ScalarType.Float32, device) - ((size - 1) / 2.0);
        var g = exp(-offsets.square() / (2 * sigma * sigma));
        g = g / g.sum();
        return g.outer(g).expand(channels, 1, size, size).contiguous();
    }
}
