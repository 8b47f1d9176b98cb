namespace Pipeline.Models.Translation;

/// <summary>
/// A small SRGAN generator (Ledig et al. 2017, fig. 4): conv 9×9 → PReLU, residual blocks (without batch norm, as
/// EDSR), conv 3×3 plus a skip from the head, then per factor of 2 a conv 3×3 to 4× the width, a sub-pixel shuffle
/// (Shi et al. 2016; DepthToSpace in ONNX) and PReLU, and conv 9×9 → tanh. Any H and W:
/// images (B, C, H, W) in [−1, 1] → (B, C, factor·H, factor·W) in [−1, 1].
/// Keys <c>head.*</c>, <c>body.*</c>, <c>bodyOut</c>, <c>upsample.*</c>, <c>tail.*</c>.
/// </summary>
public sealed class SuperResolutionGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential head;
    private readonly Sequential body;
    private readonly Conv2d bodyOut;
    private readonly Sequential upsample;
    private readonly Sequential tail;

    /// <summary>A generator upscaling by <paramref name="factor"/> (2, 4 or 8).</summary>
    public SuperResolutionGenerator(int channels, int factor, int width = 64, int blocks = 8) : base(nameof(SuperResolutionGenerator))
    {
        if (factor is not (2 or 4 or 8) || width <= 0 || blocks < 1)
        {
            throw new ArgumentException($"Expected a factor of 2, 4 or 8, a positive width and at least one block, found {factor}, {width}, {blocks}.");
        }

        Factor = factor;
        head = Sequential(("conv", Conv2d(channels, width, 9, padding: 4)), ("prelu", PReLU(1)));
        body = Sequential(Enumerable.Range(0, blocks).Select(i => ($"block{i}", (Module<Tensor, Tensor>)ResidualBlock.Plain(width))));
        bodyOut = Conv2d(width, width, 3, padding: 1);
        var stages = new List<(string, Module<Tensor, Tensor>)>();
        for (var i = 0; (1 << (i + 1)) <= factor; i++)
        {
            stages.Add(($"conv{i}", Conv2d(width, 4 * width, 3, padding: 1)));
            stages.Add(($"shuffle{i}", PixelShuffle(2)));        // (B, 4W, h, w) → (B, W, 2h, 2w)
            stages.Add(($"prelu{i}", PReLU(1)));
        }

        upsample = Sequential(stages);
        tail = Sequential(("conv", Conv2d(width, channels, 9, padding: 4)), ("tanh", Tanh()));
        RegisterComponents();
    }

    /// <summary>How much larger the output is than the input on each side.</summary>
    public int Factor { get; }

    /// <summary>conv 9×9 → PReLU.</summary>
    public Sequential Head => head;

    /// <summary>The residual blocks.</summary>
    public Sequential Body => body;

    /// <summary>The conv closing the trunk before the long skip.</summary>
    public Conv2d BodyOut => bodyOut;

    /// <summary>The sub-pixel upsampling stages.</summary>
    public Sequential Upsample => upsample;

    /// <summary>conv 9×9 → tanh.</summary>
    public Sequential Tail => tail;

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var features = head.call(images);                                // (B, W, h, w)
        var trunk = bodyOut.call(body.call(features)) + features;       // (B, W, h, w), the long skip
        return tail.call(upsample.call(trunk)).MoveToOuterDisposeScope(); // (B, C, f·h, f·w)
    }
}
