namespace Pipeline.Models.Layers;

/// <summary>
/// Equalized learning rate (Karras et al. 2018, §4.1): a layer stores its weight drawn from N(0, 1/λ²) and scales it
/// at run time by He's constant (He et al. 2015) times λ, so that Adam's per-parameter step moves every layer's
/// effective weight at the same relative speed. <see cref="EqualizedConv2d"/>, <see cref="EqualizedLinear"/> and
/// StyleGAN2's modulated convolution share it.
/// </summary>
public static class EqualizedLearningRate
{
    /// <summary>λ/√fan_in, the run-time scale of a weight each of whose outputs sums <paramref name="fanIn"/> inputs.</summary>
    public static double WeightGain(long fanIn, double learningRateMultiplier = 1) => learningRateMultiplier / Math.Sqrt(fanIn);
}
