using Pipeline.Models.Layers;

namespace Pipeline.Models.ProGan;

/// <summary>
/// The generator of Progressive GAN (Karras et al. 2018, table 2), optionally class-conditional: z (B, Z) and labels
/// (B) int64 → images (B, C, S, S), unbounded (no tanh, as in the paper; the data are in [−1, 1]).
/// <para>
/// Layers, in call order: <c>embed</c> (conditional only: Embedding(classes, Z), pixel-normalised and concatenated
/// with the pixel-normalised z, as the paper's conditional CIFAR-10 generator takes its label with z) → <c>dense</c> (Z or 2Z → W₀·4·4) → reshape → leaky
/// ReLU 0.2 → pixel norm → <c>conv</c> 3×3 → leaky ReLU → pixel norm: the 4×4 features; then <c>blocks.i</c>
/// (<see cref="ProGanGeneratorBlock"/>) for levels 1, 2, ... and <c>to_rgb.l</c>, a 1×1 convolution per level l.
/// Every layer exists from construction; <see cref="Grow"/> runs the network up to a level, fading the newest level
/// in by α (figure 2): (1 − α)·double(toRGB_{l−1}(h_{l−1})) + α·toRGB_l(h_l). <c>forward</c> is the grown network
/// (the last level, α = 1), the one that is exported.
/// </para>
/// </summary>
public sealed class ProGanGenerator : Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding? embed;
    private readonly EqualizedLinear dense;
    private readonly EqualizedConv2d conv;
    private readonly ModuleList<ProGanGeneratorBlock> blocks;
    private readonly ModuleList<EqualizedConv2d> to_rgb;
    private readonly LeakyReLU activation;
    private readonly PixelNorm norm;

    /// <summary>Builds an untrained generator with every level's layers.</summary>
    public ProGanGenerator(ProGanOptions options) : base(nameof(ProGanGenerator))
    {
        options.Validate();
        Options = options;
        var input = options.IsConditional ? 2 * options.LatentSize : options.LatentSize;
        embed = options.IsConditional ? Embedding(options.ClassCount, options.LatentSize) : null;
        dense = new EqualizedLinear(input, options.WidthAt(0) * 16L);
        conv = new EqualizedConv2d(options.WidthAt(0), options.WidthAt(0), 3);
        blocks = new ModuleList<ProGanGeneratorBlock>();
        to_rgb = new ModuleList<EqualizedConv2d>(new EqualizedConv2d(options.WidthAt(0), options.Channels, 1));
        for (var level = 1; level <= options.Levels; level++)
        {
            blocks.Add(new ProGanGeneratorBlock(options.WidthAt(level - 1), options.WidthAt(level)));
            to_rgb.Add(new EqualizedConv2d(options.WidthAt(level), options.Channels, 1));
        }

        activation = LeakyReLU(ProGanGeneratorBlock.Slope);   // a module: see ProGanGeneratorBlock
        norm = new PixelNorm();
        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public ProGanOptions Options { get; }

    /// <summary>The label embedding concatenated with z, or null when unconditional.</summary>
    public Embedding? Embed => embed;

    /// <summary>z (with the label embedding) → the 4×4 features.</summary>
    public EqualizedLinear Dense => dense;

    /// <summary>The 3×3 convolution at 4×4.</summary>
    public EqualizedConv2d Conv => conv;

    /// <summary>The stages of levels 1, 2, ...: <c>Blocks[l − 1]</c> makes level l's features.</summary>
    public ModuleList<ProGanGeneratorBlock> Blocks => blocks;

    /// <summary>The 1×1 output convolution of every level.</summary>
    public ModuleList<EqualizedConv2d> ToRgb => to_rgb;

    /// <summary>The pixel norm (no parameters).</summary>
    public PixelNorm Norm => norm;

    /// <summary>The full-size images of the grown network.</summary>
    public override Tensor forward(Tensor z, Tensor labels) => Grow(z, labels, Options.Levels, 1);

    /// <summary>
    /// Images at level <paramref name="level"/> (size 4·2^level) with the level faded in by <paramref name="alpha"/>
    /// in [0, 1]: α = 0 gives the previous level's image doubled, α = 1 the new level's alone.
    /// </summary>
    public Tensor Grow(Tensor z, Tensor labels, int level, double alpha)
    {
        RequireLevel(level, Options.Levels, alpha);
        using var scope = NewDisposeScope();
        var x = Start(z, labels);                                                          // (B, W₀, 4, 4)
        Tensor? previous = null;
        for (var l = 1; l <= level; l++)
        {
            previous = x;
            x = blocks[l - 1].call(x);                                                     // (B, W_l, 4·2^l, 4·2^l)
        }

        var image = to_rgb[level].call(x);                                                 // (B, C, S, S)
        if (previous is not null && alpha < 1)
        {
            image = ProGanResampling.Fade(ProGanResampling.Double(to_rgb[level - 1].call(previous)), image, alpha);
        }

        return image.MoveToOuterDisposeScope();
    }

    /// <summary>Throws unless 0 ≤ level ≤ levels and α is in [0, 1].</summary>
    public static void RequireLevel(int level, int levels, double alpha)
    {
        if (level < 0 || level > levels)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"expected a growth level in [0, {levels}].");
        }

        if (!(alpha is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "expected a fade-in α in [0, 1].");
        }
    }

    // PN(z) ⊕ PN(embed(y)) → dense → (B, W₀, 4, 4) → lrelu → PN → conv 3×3 → lrelu → PN. z and the embedding are
    // normalised apart (as StyleGAN2-ADA's conditional mapping network does), so a trained embedding that grows
    // cannot shrink z's share of the input and with it the variety within a class.
    private Tensor Start(Tensor z, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var input = embed is null ? norm.call(z) : cat([norm.call(z), norm.call(embed.call(labels))], 1); // (B, Z) or (B, 2Z)
        var x = dense.call(input).reshape(-1, Options.WidthAt(0), 4, 4);                 // (B, W₀, 4, 4)
        x = norm.call(activation.call(x));
        x = norm.call(activation.call(conv.call(x)));
        return x.MoveToOuterDisposeScope();
    }
}
