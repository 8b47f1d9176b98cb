using TorchSharp.Utils;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// One StyleGAN2 synthesis layer (Karras et al. 2020, Figure 2d): optional ×2 upsampling
/// (<see cref="StyleResampling.Up"/>), a demodulated 3×3 <see cref="ModulatedConv2d"/>, per-pixel noise scaled by a
/// learned strength (starting at 0, so an untrained network is deterministic), bias, then leaky ReLU 0.2 · √2.
/// (x (B, in, H, W), w (B, W)) → (B, out, R, R) with R the layer's resolution.
/// <para>Keys: <c>conv.*</c>, <c>noise_strength</c> (1), <c>bias</c> (out), buffer <c>noise_const</c> (1, 1, R, R).</para>
/// </summary>
public sealed class SynthesisLayer : Module<Tensor, Tensor, Tensor>
{
    private readonly ModulatedConv2d conv;

    [ComponentName(Name = "noise_strength")]
    private readonly Parameter noiseStrength;

    [ComponentName(Name = "bias")]
    private readonly Parameter bias;

    [ComponentName(Name = "noise_const")]
    private readonly Tensor noiseConst;

    /// <summary>A layer producing <paramref name="outChannels"/> channels at <paramref name="resolution"/>, upsampling its input first when asked.</summary>
    public SynthesisLayer(long styleSize, long inChannels, long outChannels, int resolution, bool upsample) : base(nameof(SynthesisLayer))
    {
        conv = new ModulatedConv2d(styleSize, inChannels, outChannels, 3, demodulate: true);
        noiseStrength = new Parameter(zeros(1));
        bias = new Parameter(zeros(outChannels));
        noiseConst = randn(1, 1, resolution, resolution);
        Resolution = resolution;
        Upsample = upsample;
        RegisterComponents();
    }

    /// <summary>The modulated convolution.</summary>
    public ModulatedConv2d Conv => conv;

    /// <summary>The learned noise strength (1).</summary>
    public Parameter NoiseStrength => noiseStrength;

    /// <summary>The bias added after the noise (out).</summary>
    public Parameter Bias => bias;

    /// <summary>The noise image of <see cref="NoiseMode.Fixed"/>, (1, 1, R, R).</summary>
    public Tensor NoiseConst => noiseConst;

    /// <summary>Output height and width.</summary>
    public int Resolution { get; }

    /// <summary>Whether the input is upsampled ×2 before the convolution.</summary>
    public bool Upsample { get; }

    /// <summary>Where the noise comes from; the synthesis network sets it on all its layers.</summary>
    public NoiseMode NoiseMode { get; set; } = NoiseMode.Random;

    /// <summary>x (B, in, H, W), w (B, W) → (B, out, R, R).</summary>
    public override Tensor forward(Tensor input, Tensor w)
    {
        using var scope = NewDisposeScope();
        var x = Upsample ? StyleResampling.Up(input) : input;                        // (B, in, R, R)
        x = conv.call(x, w);                                                         // (B, out, R, R)
        x = NoiseMode switch
        {
            NoiseMode.Random => x + noiseStrength * randn(x.shape[0], 1, Resolution, Resolution, dtype: x.dtype, device: x.device),
            NoiseMode.Fixed => x + noiseStrength * noiseConst,
            _ => x,
        };
        return StyleActivation.Apply(x + bias.reshape(1, -1, 1, 1)).MoveToOuterDisposeScope();
    }
}
