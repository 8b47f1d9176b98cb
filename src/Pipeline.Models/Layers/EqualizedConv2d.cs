using TorchSharp.Utils;

namespace Pipeline.Models.Layers;

/// <summary>
/// A square 2-D convolution with equalized learning rate (Karras et al. 2018, §4.1): weight drawn from N(0, 1), scaled
/// at run time by 1/√(in·k·k); stride 1, "same" zero padding for odd kernels. Progressive GAN's and StyleGAN's
/// convolutions, the toRGB/fromRGB 1×1 layers and the residual discriminator's skips are all this layer.
/// </summary>
public sealed class EqualizedConv2d : Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")]
    private readonly Parameter weight;

    [ComponentName(Name = "bias")]
    private readonly Parameter? bias;

    /// <summary>A convolution <paramref name="inChannels"/> → <paramref name="outChannels"/> with a k×k kernel.</summary>
    public EqualizedConv2d(long inChannels, long outChannels, long kernelSize, bool hasBias = true)
        : base(nameof(EqualizedConv2d))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (kernelSize < 1 || kernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "expected an odd kernel size (1, 3, ...) so that \"same\" padding is symmetric.");
        }

        weight = new Parameter(randn(outChannels, inChannels, kernelSize, kernelSize));
        bias = hasBias ? new Parameter(zeros(outChannels)) : null;
        WeightGain = EqualizedLearningRate.WeightGain(inChannels * kernelSize * kernelSize);
        Padding = kernelSize / 2;
        RegisterComponents();
    }

    /// <summary>The stored weight (out, in, k, k); the effective weight is <c>Weight · WeightGain</c>.</summary>
    public Parameter Weight => weight;

    /// <summary>The bias (out), or null; not scaled.</summary>
    public Parameter? Bias => bias;

    /// <summary>1/√(in·k·k).</summary>
    public double WeightGain { get; }

    /// <summary>Zero padding on every side: k/2.</summary>
    public long Padding { get; }

    /// <summary>The weight the layer computes with (out, in, k, k), for exporters and for modulation.</summary>
    public Tensor EffectiveWeight() => weight * WeightGain;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var w = EffectiveWeight().to(input.dtype);
        var b = bias?.to(input.dtype);
        return functional.conv2d(input, w, b, padding: [Padding, Padding]).MoveToOuterDisposeScope(); // (B, out, H, W)
    }
}
