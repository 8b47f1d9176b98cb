namespace Pipeline.Models.StyleGan;

/// <summary>
/// StyleGAN2's activation (bias_act 'lrelu'): leaky ReLU with slope 0.2 multiplied by √2, the gain that keeps a unit
/// second moment through the nonlinearity (He et al. 2015 for slope 0), so equalized layers stay unit-scale.
/// </summary>
public static class StyleActivation
{
    /// <summary>The negative slope.</summary>
    public const double Slope = 0.2;

    /// <summary>The output gain, √2.</summary>
    public static readonly double Gain = Math.Sqrt(2);

    /// <summary>leaky_relu(x, 0.2) · √2.</summary>
    public static Tensor Apply(Tensor x) => functional.leaky_relu(x, Slope) * Gain;
}
