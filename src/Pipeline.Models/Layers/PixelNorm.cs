namespace Pipeline.Models.Layers;

/// <summary>
/// Pixelwise feature normalisation (Karras et al. 2018, §4.2): each feature vector divided by its root mean square,
/// b = a / √(mean(a²) + ε), over dimension 1. Progressive GAN applies it after every generator convolution; StyleGAN
/// applies it to z before the mapping network.
/// </summary>
public sealed class PixelNorm : Module<Tensor, Tensor>
{
    /// <summary>ε of the paper.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>Creates the layer (no parameters).</summary>
    public PixelNorm() : base(nameof(PixelNorm))
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return (input * (input.square().mean([1], keepdim: true) + Epsilon).rsqrt()).MoveToOuterDisposeScope(); // same shape
    }
}
