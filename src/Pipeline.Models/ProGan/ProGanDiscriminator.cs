using Pipeline.Models.Layers;

namespace Pipeline.Models.ProGan;

/// <summary>
/// The discriminator (critic) of Progressive GAN (Karras et al. 2018, table 2), the generator mirrored, with
/// projection conditioning (Miyato and Koyama 2018, eq. 3) when class-conditional: images (B, C, s, s) and labels (B)
/// int64 → scores (B), unbounded.
/// <para>
/// Layers, in call order: <c>from_rgb.l</c>, a 1×1 convolution per level l; <c>blocks.i</c>
/// (<see cref="ProGanDiscriminatorBlock"/>) taking level i + 1 down to level i; at 4×4 <c>stddev</c> (minibatch
/// standard deviation, §3) → <c>conv</c> 3×3 → leaky ReLU → <c>dense</c> (W₀·16 → W₀) → leaky ReLU, the features φ;
/// <c>output</c> ψ: W₀ → 1; <c>embed</c>: Embedding(classes, W₀), absent when unconditional. Score = ψ(φ) + ⟨embed(y), φ⟩.
/// <see cref="Score"/> at level l fades by α: (1 − α)·fromRGB_{l−1}(pool(x)) + α·block_l(fromRGB_l(x)).
/// </para>
/// </summary>
public sealed class ProGanDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<EqualizedConv2d> from_rgb;
    private readonly ModuleList<ProGanDiscriminatorBlock> blocks;
    private readonly MinibatchStdDev stddev;
    private readonly EqualizedConv2d conv;
    private readonly EqualizedLinear dense;
    private readonly EqualizedLinear output;
    private readonly Embedding? embed;
    private readonly LeakyReLU activation;

    /// <summary>Builds an untrained discriminator with every level's layers.</summary>
    public ProGanDiscriminator(ProGanOptions options) : base(nameof(ProGanDiscriminator))
    {
        options.Validate();
        Options = options;
        var w0 = options.WidthAt(0);
        from_rgb = new ModuleList<EqualizedConv2d>();
        blocks = new ModuleList<ProGanDiscriminatorBlock>();
        for (var level = 0; level <= options.Levels; level++)
        {
            from_rgb.Add(new EqualizedConv2d(options.Channels, options.WidthAt(level), 1));
            if (level > 0)
            {
                blocks.Add(new ProGanDiscriminatorBlock(options.WidthAt(level), options.WidthAt(level - 1)));
            }
        }

        stddev = new MinibatchStdDev(4);
        conv = new EqualizedConv2d(w0 + 1, w0, 3);
        dense = new EqualizedLinear(w0 * 16L, w0);
        output = new EqualizedLinear(w0, 1);
        embed = options.IsConditional ? Embedding(options.ClassCount, w0) : null;
        activation = LeakyReLU(ProGanGeneratorBlock.Slope);   // a module: see ProGanGeneratorBlock
        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public ProGanOptions Options { get; }

    /// <summary>Scores of full-size images by the grown network.</summary>
    public override Tensor forward(Tensor images, Tensor labels) => Score(images, labels, Options.Levels, 1);

    /// <summary>Scores of images of size 4·2^<paramref name="level"/>, the level faded in by <paramref name="alpha"/>.</summary>
    public Tensor Score(Tensor images, Tensor labels, int level, double alpha)
    {
        ProGanGenerator.RequireLevel(level, Options.Levels, alpha);
        using var scope = NewDisposeScope();
        var x = Activate(from_rgb[level].call(images));                                   // (B, W_l, s, s)
        for (var l = level; l >= 1; l--)
        {
            x = blocks[l - 1].call(x);                                                     // (B, W_{l−1}, s/2, s/2)
            if (l == level && alpha < 1)
            {
                x = ProGanResampling.Fade(Activate(from_rgb[l - 1].call(ProGanResampling.Halve(images))), x, alpha);
            }
        }

        x = Activate(conv.call(stddev.call(x)));                                          // (B, W₀, 4, 4)
        var features = Activate(dense.call(x.flatten(1)));                                // φ: (B, W₀)
        var score = output.call(features).squeeze(1);                                     // ψ(φ): (B)
        if (embed is not null)
        {
            score = score + (embed.call(labels) * features).sum(1);                        // + ⟨embed(y), φ⟩
        }

        return score.MoveToOuterDisposeScope();
    }

    private Tensor Activate(Tensor x) => activation.call(x);
}
