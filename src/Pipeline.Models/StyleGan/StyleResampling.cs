namespace Pipeline.Models.StyleGan;

/// <summary>
/// The ×2 resampling of both StyleGAN2 networks. Up: bilinear interpolation with half-pixel centres, whose weights
/// (¾, ¼) per axis are exactly StyleGAN2's [1, 3, 3, 1] FIR upsampling filter (upfirdn2d with gain 4) away from the
/// border, where bilinear repeats the edge instead of padding with zeros. It exports as one standard ONNX Resize
/// (linear, half_pixel) with a symbolic batch, where upfirdn2d would need a zero-insertion and a depthwise blur,
/// and a transposed convolution would bring back the checkerboard artefacts the filter is there to avoid.
/// Down (discriminator only): 2×2 average pooling, the box-filter version of StyleGAN2's blur-then-subsample.
/// </summary>
public static class StyleResampling
{
    /// <summary>(B, C, H, W) → (B, C, 2H, 2W), bilinear, align_corners = false.</summary>
    public static Tensor Up(Tensor x) =>
        functional.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>(B, C, H, W) → (B, C, H/2, W/2), mean of each 2×2 block.</summary>
    public static Tensor Down(Tensor x) => functional.avg_pool2d(x, 2);
}
