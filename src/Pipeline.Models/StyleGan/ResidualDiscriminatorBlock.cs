using Pipeline.Models.Layers;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// One block of StyleGAN2's residual discriminator (Karras et al. 2020, §4.1, Figure 7c): conv0 3×3 (in → in),
/// halve the resolution, conv1 3×3 (in → out), each followed by leaky ReLU 0.2 · √2; the skip halves the input and
/// applies a 1×1 convolution without bias; the sum is divided by √2 to keep the variance of the two paths' sum.
/// Downsampling before conv1 (rather than a strided conv1 after blurring) makes conv1 four times cheaper.
/// x (B, in, R, R) → (B, out, R/2, R/2). Keys: <c>conv0.*</c>, <c>conv1.*</c>, <c>skip.weight</c>.
/// </summary>
public sealed class ResidualDiscriminatorBlock : Module<Tensor, Tensor>
{
    private static readonly double InverseSqrt2 = 1 / Math.Sqrt(2);

    private readonly EqualizedConv2d conv0;
    private readonly EqualizedConv2d conv1;
    private readonly EqualizedConv2d skip;

    /// <summary>A block <paramref name="inChannels"/> → <paramref name="outChannels"/>.</summary>
    public ResidualDiscriminatorBlock(long inChannels, long outChannels) : base(nameof(ResidualDiscriminatorBlock))
    {
        conv0 = new EqualizedConv2d(inChannels, inChannels, 3);
        conv1 = new EqualizedConv2d(inChannels, outChannels, 3);
        skip = new EqualizedConv2d(inChannels, outChannels, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>x (B, in, R, R) → (B, out, R/2, R/2).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = StyleActivation.Apply(conv0.call(input));                            // (B, in, R, R)
        x = StyleActivation.Apply(conv1.call(StyleResampling.Down(x)));              // (B, out, R/2, R/2)
        var shortcut = skip.call(StyleResampling.Down(input));                       // (B, out, R/2, R/2)
        return ((x + shortcut) * InverseSqrt2).MoveToOuterDisposeScope();
    }
}
