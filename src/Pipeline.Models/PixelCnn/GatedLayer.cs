namespace Pipeline.Models.PixelCnn;

/// <summary>
/// One gated layer of both stacks (van den Oord et al. 2016, figure 2 and equations 2–5):
/// <code>
/// v' = tanh(W_{f,v} ∗ v + V_{f,v}ᵀh + U_{f,v} ∗ s) ⊙ σ(W_{g,v} ∗ v + V_{g,v}ᵀh + U_{g,v} ∗ s)
/// h_pre = W_h ∗ h + 1×1(W_v ∗ v)                       (vertical → horizontal link)
/// g = tanh(h_pre,f + V_{f,h}ᵀh + U_{f,h} ∗ s) ⊙ σ(h_pre,g + V_{g,h}ᵀh + U_{g,h} ∗ s)
/// h' = h + 1×1(g)  (residual; without it in the first layer), skip = 1×1(g)
/// </code>
/// where h is the class (a per-layer learned bias, eq. 4) and s the optional spatial conditioning map (an unmasked
/// 1×1 convolution, eq. 5). Each convolution produces both halves (f and g) at once, 2p channels.
/// <para>Checkpoint keys, in call order: <c>vertical</c>, <c>verticalToHorizontal</c>, <c>horizontal</c>,
/// <c>horizontalOut</c>, <c>skip</c>, <c>classVertical</c>, <c>classHorizontal</c>, <c>conditionVertical</c>,
/// <c>conditionHorizontal</c> (the last four only when conditioned).</para>
/// </summary>
public sealed class GatedLayer : Module<Tensor, Tensor, Tensor?, Tensor?, (Tensor Vertical, Tensor Horizontal, Tensor Skip)>
{
    private readonly MaskedConv2d vertical;
    private readonly Conv2d verticalToHorizontal;
    private readonly MaskedConv2d horizontal;
    private readonly Conv2d horizontalOut;
    private readonly Conv2d skip;
    private readonly Embedding? classVertical;
    private readonly Embedding? classHorizontal;
    private readonly Conv2d? conditionVertical;
    private readonly Conv2d? conditionHorizontal;

    /// <param name="inChannels">channels of both incoming stacks</param>
    /// <param name="channels">p, the channels of both outgoing stacks and of the skip output</param>
    /// <param name="kernelSize">odd n of the n×n vertical and 1×n horizontal kernels</param>
    /// <param name="maskType">A for the first layer (then there is no residual), B after</param>
    /// <param name="classCount">labels of the per-layer class bias (the "no class" label included); 0 for none</param>
    /// <param name="conditionChannels">channels of the spatial conditioning map; 0 for none</param>
    public GatedLayer(long inChannels, long channels, int kernelSize, MaskType maskType, int classCount, long conditionChannels)
        : base(nameof(GatedLayer))
    {
        Channels = channels;
        Residual = maskType == MaskType.B && inChannels == channels;
        vertical = new MaskedConv2d(inChannels, 2 * channels, kernelSize, CausalStack.Vertical, maskType);
        verticalToHorizontal = Conv2d(2 * channels, 2 * channels, 1);
        horizontal = new MaskedConv2d(inChannels, 2 * channels, kernelSize, CausalStack.Horizontal, maskType);
        horizontalOut = Conv2d(channels, channels, 1);
        skip = Conv2d(channels, channels, 1);
        if (classCount > 0)
        {
            classVertical = Embedding(classCount, 2 * channels);
            classHorizontal = Embedding(classCount, 2 * channels);
            using var noGrad = no_grad();
            classVertical.weight!.zero_();   // an untrained layer is the unconditional one
            classHorizontal.weight!.zero_();
        }

        if (conditionChannels > 0)
        {
            conditionVertical = Conv2d(conditionChannels, 2 * channels, 1, bias: false);
            conditionHorizontal = Conv2d(conditionChannels, 2 * channels, 1, bias: false);
        }

        RegisterComponents();
    }

    /// <summary>p, the output channels of both stacks.</summary>
    public long Channels { get; }

    /// <summary>Whether the horizontal stack adds its input back (every layer but the first).</summary>
    public bool Residual { get; }

    /// <summary>The vertical stack's masked n×n (cropped to ⌈n/2⌉×n) convolution, v → 2p.</summary>
    public MaskedConv2d Vertical => vertical;

    /// <summary>The 1×1 link from the vertical pre-activation into the horizontal one, 2p → 2p.</summary>
    public Conv2d VerticalToHorizontal => verticalToHorizontal;

    /// <summary>The horizontal stack's masked 1×n (cropped to 1×⌈n/2⌉) convolution, h → 2p.</summary>
    public MaskedConv2d Horizontal => horizontal;

    /// <summary>The 1×1 convolution of the gated horizontal output before the residual sum, p → p.</summary>
    public Conv2d HorizontalOut => horizontalOut;

    /// <summary>The 1×1 convolution to the skip output, p → p.</summary>
    public Conv2d Skip => skip;

    /// <summary>Per-class bias of the vertical pre-activation (classes, 2p), or null.</summary>
    public Embedding? ClassVertical => classVertical;

    /// <summary>Per-class bias of the horizontal pre-activation (classes, 2p), or null.</summary>
    public Embedding? ClassHorizontal => classHorizontal;

    /// <summary>1×1 map of the spatial condition into the vertical pre-activation, or null.</summary>
    public Conv2d? ConditionVertical => conditionVertical;

    /// <summary>1×1 map of the spatial condition into the horizontal pre-activation, or null.</summary>
    public Conv2d? ConditionHorizontal => conditionHorizontal;

    /// <summary>
    /// v, h (B, Cin, H, W), labels (B) int64 or null, condition map (B, Cs, H, W) or null →
    /// (v', h', skip), each (B, p, H, W).
    /// </summary>
    public override (Tensor Vertical, Tensor Horizontal, Tensor Skip) forward(Tensor v, Tensor h, Tensor? labels, Tensor? condition)
    {
        using var scope = NewDisposeScope();
        var verticalPre = vertical.call(v);                                                   // (B, 2p, H, W)
        var horizontalPre = horizontal.call(h) + verticalToHorizontal.call(verticalPre);      // (B, 2p, H, W)
        var verticalOut = Gate(Conditioned(verticalPre, classVertical, conditionVertical, labels, condition));
        var gated = Gate(Conditioned(horizontalPre, classHorizontal, conditionHorizontal, labels, condition)); // (B, p, H, W)
        var horizontalOutput = Residual ? h + horizontalOut.call(gated) : horizontalOut.call(gated);
        return (verticalOut.MoveToOuterDisposeScope(), horizontalOutput.MoveToOuterDisposeScope(), skip.call(gated).MoveToOuterDisposeScope());
    }

    /// <summary>The gated activation tanh(a) ⊙ σ(b) of the two channel halves (eq. 2).</summary>
    public static Tensor Gate(Tensor preActivation)
    {
        var halves = preActivation.chunk(2, 1);
        return tanh(halves[0]) * sigmoid(halves[1]);
    }

    // Adds Vᵀh broadcast over positions (eq. 4) and U ∗ s (eq. 5) to a pre-activation.
    private static Tensor Conditioned(Tensor preActivation, Embedding? byClass, Conv2d? bySpace, Tensor? labels, Tensor? condition)
    {
        if (byClass is not null && labels is not null)
        {
            preActivation = preActivation + byClass.call(labels).unsqueeze(-1).unsqueeze(-1);   // + (B, 2p, 1, 1)
        }

        if (bySpace is not null && condition is not null)
        {
            preActivation = preActivation + bySpace.call(condition);                             // + (B, 2p, H, W)
        }

        return preActivation;
    }
}
