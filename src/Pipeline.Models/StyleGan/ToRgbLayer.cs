using TorchSharp.Utils;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// StyleGAN2's toRGB (Karras et al. 2020, §4.1, Figure 7b): a 1×1 <see cref="ModulatedConv2d"/> without demodulation
/// plus a bias, no activation. (x (B, in, R, R), w (B, W)) → (B, C, R, R).
/// <para>Keys: <c>conv.*</c>, <c>bias</c> (C).</para>
/// </summary>
public sealed class ToRgbLayer : Module<Tensor, Tensor, Tensor>
{
    private readonly ModulatedConv2d conv;

    [ComponentName(Name = "bias")]
    private readonly Parameter bias;

    /// <summary>A toRGB from <paramref name="inChannels"/> to <paramref name="channels"/> image channels.</summary>
    public ToRgbLayer(long styleSize, long inChannels, long channels) : base(nameof(ToRgbLayer))
    {
        conv = new ModulatedConv2d(styleSize, inChannels, channels, 1, demodulate: false);
        bias = new Parameter(zeros(channels));
        RegisterComponents();
    }

    /// <summary>The modulated 1×1 convolution.</summary>
    public ModulatedConv2d Conv => conv;

    /// <summary>The bias (C).</summary>
    public Parameter Bias => bias;

    /// <summary>x (B, in, R, R), w (B, W) → (B, C, R, R).</summary>
    public override Tensor forward(Tensor input, Tensor w)
    {
        using var scope = NewDisposeScope();
        return (conv.call(input, w) + bias.reshape(1, -1, 1, 1)).MoveToOuterDisposeScope();
    }
}
