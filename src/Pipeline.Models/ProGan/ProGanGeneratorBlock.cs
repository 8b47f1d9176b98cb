using Pipeline.Models.Layers;

namespace Pipeline.Models.ProGan;

/// <summary>
/// One generator stage of Progressive GAN (Karras et al. 2018, table 2): nearest ×2 → 3×3 conv → leaky ReLU 0.2 →
/// pixel norm → 3×3 conv → leaky ReLU 0.2 → pixel norm. Keys <c>conv1.*</c>, <c>conv2.*</c>. The leaky ReLU is a
/// module, which keeps its slope in native memory: <c>functional.leaky_relu(x, 0.2)</c> converts the slope to a
/// temporary Scalar that the garbage collector may free while libtorch still reads it (a training crashed so, in
/// <c>c10::Scalar::toFloat</c>, after some 1,700 steps).
/// </summary>
public sealed class ProGanGeneratorBlock : Module<Tensor, Tensor>
{
    /// <summary>The leaky ReLU's slope throughout both networks.</summary>
    public const double Slope = 0.2;

    private readonly EqualizedConv2d conv1;
    private readonly EqualizedConv2d conv2;
    private readonly LeakyReLU activation;
    private readonly PixelNorm norm;

    /// <summary>A stage <paramref name="inChannels"/> → <paramref name="outChannels"/> that doubles H and W.</summary>
    public ProGanGeneratorBlock(long inChannels, long outChannels) : base(nameof(ProGanGeneratorBlock))
    {
        conv1 = new EqualizedConv2d(inChannels, outChannels, 3);
        conv2 = new EqualizedConv2d(outChannels, outChannels, 3);
        activation = LeakyReLU(Slope);
        norm = new PixelNorm();
        RegisterComponents();
    }

    /// <summary>The first convolution.</summary>
    public EqualizedConv2d Conv1 => conv1;

    /// <summary>The second convolution.</summary>
    public EqualizedConv2d Conv2 => conv2;

    /// <summary>The pixel norm after each convolution.</summary>
    public PixelNorm Norm => norm;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = ProGanResampling.Double(input);                                           // (B, Cin, 2H, 2W)
        x = norm.call(activation.call(conv1.call(x)));                       // (B, Cout, 2H, 2W)
        x = norm.call(activation.call(conv2.call(x)));
        return x.MoveToOuterDisposeScope();
    }
}
