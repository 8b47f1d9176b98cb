using Pipeline.Models.Layers;

namespace Pipeline.Models.ProGan;

/// <summary>
/// One discriminator stage of Progressive GAN (Karras et al. 2018, table 2), the mirror of
/// <see cref="ProGanGeneratorBlock"/>: 3×3 conv → leaky ReLU 0.2 → 3×3 conv → leaky ReLU 0.2 → 2×2 average pooling.
/// Keys <c>conv1.*</c>, <c>conv2.*</c>.
/// </summary>
public sealed class ProGanDiscriminatorBlock : Module<Tensor, Tensor>
{
    private readonly EqualizedConv2d conv1;
    private readonly EqualizedConv2d conv2;
    private readonly LeakyReLU activation;

    /// <summary>A stage <paramref name="inChannels"/> → <paramref name="outChannels"/> that halves H and W.</summary>
    public ProGanDiscriminatorBlock(long inChannels, long outChannels) : base(nameof(ProGanDiscriminatorBlock))
    {
        conv1 = new EqualizedConv2d(inChannels, inChannels, 3);
        conv2 = new EqualizedConv2d(inChannels, outChannels, 3);
        activation = LeakyReLU(ProGanGeneratorBlock.Slope);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = activation.call(conv1.call(input));     // (B, Cin, H, W)
        x = activation.call(conv2.call(x));             // (B, Cout, H, W)
        return ProGanResampling.Halve(x).MoveToOuterDisposeScope();                       // (B, Cout, H/2, W/2)
    }
}
