using Pipeline.Models.Layers;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// StyleGAN2's residual discriminator (Karras et al. 2020, §4.1, Figure 7c) with equalized layers: fromRGB (1×1,
/// leaky ReLU 0.2 · √2) at the image size, one <see cref="ResidualDiscriminatorBlock"/> per halving down to 4×4
/// (widths mirroring the generator's), then the epilogue: <see cref="MinibatchStdDev"/>, a 3×3 convolution, a fully
/// connected layer on the flattened 4×4 features giving h (B, W₄), and the output ψ(h). A conditional discriminator
/// adds the projection term ⟨embed(y), h⟩ (Miyato and Koyama 2018, eq. 3), divided by √W₄ as StyleGAN2-ADA
/// normalises its projection, so the term starts at the scale of ψ(h). (images (B, C, S, S), labels (B) int64 or
/// null) → logits (B).
/// <para>Keys: <c>fromrgb.*</c>, <c>blocks.i.*</c>, <c>conv.*</c>, <c>dense.*</c>, <c>output.*</c>, <c>embed.weight</c> (conditional only).</para>
/// </summary>
public sealed class StyleDiscriminator : Module<Tensor, Tensor?, Tensor>
{
    private readonly EqualizedConv2d fromrgb;
    private readonly ModuleList<ResidualDiscriminatorBlock> blocks;
    private readonly MinibatchStdDev mbstd;
    private readonly EqualizedConv2d conv;
    private readonly EqualizedLinear dense;
    private readonly EqualizedLinear output;
    private readonly Embedding? embed;

    /// <summary>Builds an untrained discriminator.</summary>
    public StyleDiscriminator(StyleGanOptions options) : base(nameof(StyleDiscriminator))
    {
        options.Validate();
        Options = options;
        var sizes = options.Resolutions;
        fromrgb = new EqualizedConv2d(options.Channels, options.WidthAt(options.ImageSize), 1);
        blocks = new ModuleList<ResidualDiscriminatorBlock>();
        for (var i = sizes.Count - 1; i >= 1; i--)
        {
            blocks.Add(new ResidualDiscriminatorBlock(options.WidthAt(sizes[i]), options.WidthAt(sizes[i - 1])));
        }

        long width = options.WidthAt(4);
        mbstd = new MinibatchStdDev(options.MinibatchStdGroup);
        conv = new EqualizedConv2d(width + 1, width, 3);
        dense = new EqualizedLinear(width * 16, width);
        output = new EqualizedLinear(width, 1);
        embed = options.IsConditional ? Embedding(options.ClassCount, width) : null;
        FeatureSize = width;
        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public StyleGanOptions Options { get; }

    /// <summary>Width of h, the features the output and the projection read.</summary>
    public long FeatureSize { get; }

    /// <summary>images (B, C, S, S) in [−1, 1], labels (B) int64 (required when conditional, ignored otherwise) → logits (B).</summary>
    public override Tensor forward(Tensor images, Tensor? labels)
    {
        using var scope = NewDisposeScope();
        var x = StyleActivation.Apply(fromrgb.call(images));                         // (B, W_S, S, S)
        foreach (var block in blocks)
        {
            x = block.call(x);                                                       // (B, W_R/2, R/2, R/2)
        }

        x = StyleActivation.Apply(conv.call(mbstd.call(x)));                         // (B, W₄, 4, 4)
        var h = StyleActivation.Apply(dense.call(x.flatten(1)));                     // (B, W₄)
        var logits = output.call(h).squeeze(1);                                      // (B)
        if (embed is not null)
        {
            ArgumentNullException.ThrowIfNull(labels, "labels (a conditional discriminator needs one class per image)");
            logits = logits + ((embed.call(labels) * h).sum(1) / Math.Sqrt(FeatureSize));
        }

        return logits.MoveToOuterDisposeScope();
    }
}
