namespace Pipeline.Models.PixelCnn;

/// <summary>Which of the gated PixelCNN's two stacks a <see cref="MaskedConv2d"/> belongs to.</summary>
public enum CausalStack
{
    /// <summary>Sees the rows above the current one, over the whole kernel width (van den Oord et al. 2016, section 2.2).</summary>
    Vertical,

    /// <summary>Sees the current row, left of the current column.</summary>
    Horizontal,
}

/// <summary>Whether a masked convolution may see its own position.</summary>
public enum MaskType
{
    /// <summary>First layer: the current position (vertical stack: the current row) is masked out, so the prediction of
    /// x_i never sees x_i (van den Oord et al. 2016a, PixelRNN, section 3.4).</summary>
    A,

    /// <summary>Later layers: the current position is kept; it only carries information about earlier pixels by then.</summary>
    B,
}

/// <summary>
/// A causal convolution of one stack of the gated PixelCNN (van den Oord et al. 2016, "Conditional Image Generation with
/// PixelCNN Decoders", figure 2), for an odd kernel size n.
/// <para>
/// The vertical stack's kernel is the top ⌈n/2⌉ rows of an n×n kernel, padded so that its bottom row lies on the
/// current row: the output at row i sees input rows i − ⌊n/2⌋ … i. The horizontal stack's kernel is the left ⌈n/2⌉
/// columns of a 1×n kernel, so column j sees columns j − ⌊n/2⌋ … j. Mask A zeroes the kernel's current row (vertical)
/// or current column (horizontal); mask B keeps everything. With mask A in the first layer and B after, the vertical
/// stack at row i depends only on rows &lt; i, and the horizontal stack at (i, j) only on row i left of j (plus,
/// through the vertical-to-horizontal link, rows &lt; i), which is the paper's "no blind spot" arrangement, written with
/// masks instead of the paper's shift so that every layer is a plain convolution: cropping the kernel to its
/// unmasked half also saves the multiplications by zero of an n×n mask.
/// </para>
/// <para>Checkpoint keys: <c>conv.weight</c> (out, in, kh, kw) unmasked, <c>conv.bias</c>, <c>mask</c> (1, 1, kh, kw).</para>
/// </summary>
public sealed class MaskedConv2d : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly Tensor mask;

    /// <summary>A causal convolution with an odd <paramref name="kernelSize"/> ≥ 3.</summary>
    public MaskedConv2d(long inChannels, long outChannels, int kernelSize, CausalStack stack, MaskType maskType, bool bias = true)
        : base(nameof(MaskedConv2d))
    {
        if (kernelSize < 3 || kernelSize % 2 == 0)
        {
            throw new ArgumentException($"Masked convolutions need an odd kernel size of at least 3, got {kernelSize}.", nameof(kernelSize));
        }

        Stack = stack;
        MaskType = maskType;
        var half = kernelSize / 2;
        var (height, width) = stack == CausalStack.Vertical ? (half + 1, kernelSize) : (1, half + 1);
        // Padding (top, bottom, left, right): the kernel's last row (vertical) or last column (horizontal) is the current position.
        Padding = stack == CausalStack.Vertical ? (half, 0, half, half) : (0, 0, half, 0);
        conv = Conv2d(inChannels, outChannels, (height, width), bias: bias);
        mask = ones(1, 1, height, width);
        if (maskType == MaskType.A)
        {
            using var noGrad = no_grad();
            var current = stack == CausalStack.Vertical ? mask[.., .., height - 1, ..] : mask[.., .., .., width - 1];
            current.zero_();
        }

        RegisterComponents();
    }

    /// <summary>The stack this convolution belongs to.</summary>
    public CausalStack Stack { get; }

    /// <summary>A (current position hidden) or B.</summary>
    public MaskType MaskType { get; }

    /// <summary>Zero padding (top, bottom, left, right) that keeps H × W and puts the current position at the kernel's bottom/right edge.</summary>
    public (long Top, long Bottom, long Left, long Right) Padding { get; }

    /// <summary>The unmasked convolution (its weight is trained; the mask is applied in <see cref="forward"/>).</summary>
    public Conv2d Conv => conv;

    /// <summary>The weight the layer computes with: <c>conv.weight · mask</c>, differentiable.</summary>
    public Tensor MaskedWeight() => conv.weight! * mask;

    /// <summary>x (B, Cin, H, W) → (B, Cout, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (top, bottom, left, right) = Padding;
        var padded = functional.pad(input, [left, right, top, bottom]);   // (B, Cin, H + top + bottom, W + left + right)
        return functional.conv2d(padded, MaskedWeight(), conv.bias).MoveToOuterDisposeScope();
    }
}
