using Pipeline.Models.Layers;
using TorchSharp.Utils;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// StyleGAN2's weight modulation and demodulation (Karras et al. 2020, §2.2, eq. 1–3) in its non-fused form:
/// s = affine(w) (an equalized layer whose bias starts at 1, so an untrained layer is unmodulated); the input is scaled
/// per channel, x · s (eq. 1 moved onto the activations); convolved with the static equalized weight w′; and, when
/// demodulating, each output channel scaled by d_o = 1/√(Σ_{i,k} (w′_{o,i,k} s_i)² + ε) (eq. 3), computed as
/// s² · (Σ_k w′²)ᵀ, one matrix product. This is the same arithmetic as the grouped convolution of the official code
/// but keeps a plain convolution, so it exports to ONNX with a symbolic batch. The toRGB layers use it without
/// demodulation. (x (B, in, H, W), w (B, W)) → (B, out, H, W), "same" padding, no bias (the caller adds it).
/// <para>Keys: <c>affine.weight</c>, <c>affine.bias</c>, <c>weight</c> (out, in, k, k) drawn from N(0, 1).</para>
/// </summary>
public sealed class ModulatedConv2d : Module<Tensor, Tensor, Tensor>
{
    /// <summary>ε of eq. 3.</summary>
    public const double Epsilon = 1e-8;

    private readonly EqualizedLinear affine;

    [ComponentName(Name = "weight")]
    private readonly Parameter weight;

    /// <summary>A k×k modulated convolution <paramref name="inChannels"/> → <paramref name="outChannels"/> styled by w of <paramref name="styleSize"/>.</summary>
    public ModulatedConv2d(long styleSize, long inChannels, long outChannels, long kernelSize, bool demodulate) : base(nameof(ModulatedConv2d))
    {
        if (kernelSize < 1 || kernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "expected an odd kernel size (1, 3, ...) so that \"same\" padding is symmetric.");
        }

        affine = new EqualizedLinear(styleSize, inChannels, biasInit: 1);
        weight = new Parameter(randn(outChannels, inChannels, kernelSize, kernelSize));
        WeightGain = EqualizedLearningRate.WeightGain(inChannels * kernelSize * kernelSize);
        Padding = kernelSize / 2;
        Demodulate = demodulate;
        RegisterComponents();
    }

    /// <summary>The affine layer A: w → s (B, in).</summary>
    public EqualizedLinear Affine => affine;

    /// <summary>The stored weight (out, in, k, k); the layer computes with <c>Weight · WeightGain</c>.</summary>
    public Parameter Weight => weight;

    /// <summary>Equalized learning rate's 1/√(in·k·k).</summary>
    public double WeightGain { get; }

    /// <summary>Zero padding on every side: k/2.</summary>
    public long Padding { get; }

    /// <summary>Whether output channels are demodulated (eq. 3): true for the synthesis convolutions, false for toRGB.</summary>
    public bool Demodulate { get; }

    /// <summary>The static weight w′ the layer computes with (out, in, k, k).</summary>
    public Tensor EffectiveWeight() => weight * WeightGain;

    /// <summary>x (B, in, H, W), w (B, W) → (B, out, H, W).</summary>
    public override Tensor forward(Tensor input, Tensor w)
    {
        using var scope = NewDisposeScope();
        return Modulate(input, affine.call(w)).MoveToOuterDisposeScope();
    }

    /// <summary>The convolution for given styles s (B, in), bypassing the affine layer: x (B, in, H, W) → (B, out, H, W).</summary>
    public Tensor Modulate(Tensor input, Tensor styles)
    {
        using var scope = NewDisposeScope();
        var (b, inChannels) = (styles.shape[0], styles.shape[1]);
        var w = EffectiveWeight();                                                   // (out, in, k, k)
        var x = input * styles.reshape(b, inChannels, 1, 1);                         // (B, in, H, W)
        x = functional.conv2d(x, w, null, padding: [Padding, Padding]);              // (B, out, H, W)
        if (Demodulate)
        {
            var d = (styles.square().matmul(w.square().sum([2, 3]).t()) + Epsilon).rsqrt(); // (B, out)
            x = x * d.reshape(b, -1, 1, 1);
        }

        return x.MoveToOuterDisposeScope();
    }
}
