using System.Text.Json.Serialization;

namespace Pipeline.Models.Translation;

/// <summary>
/// pix2pix's U-Net generator (Isola et al. 2017, section 3.2.1 and appendix 6.1.1; Ronneberger et al. 2015):
/// <c>depth</c> 4×4 stride-2 convolutions down (C64-C128-C256-C512-…, LeakyReLU 0.2, instance norm but not on the
/// first or the innermost), then as many 4×4 stride-2 transposed convolutions up (ReLU before, norm after), each
/// taking the previous up output concatenated with the down output of the same resolution (the skip), and tanh at
/// the end. Dropout 0.5 on the three up layers below the innermost, as published: the paper's only noise source.
/// <para>
/// Dropout is active only in training mode. The exported model is traced in eval mode, where dropout is the
/// identity, so ONNX output is deterministic and equals <c>eval()</c> output here; the paper instead kept dropout
/// at test time, which our exported translators do not do.
/// </para>
/// <para>
/// Two departures are options (<see cref="UNetUpsampling"/>, <c>innerLevelsWithoutNorm</c>); their defaults are
/// the published network, which is what runs saved without them load as.
/// </para>
/// Images (B, C, H, W) in [−1, 1] → (B, C', H, W) in [−1, 1] for H and W divisible by 2^depth.
/// Keys <c>downs.i.*</c>, <c>ups.i.*</c> (<c>ups.i.conv</c> is a transposed convolution or, after <c>ups.i.up</c>, a 3×3 convolution).
/// </summary>
public sealed class UNetGenerator : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> downs;
    private readonly ModuleList<Sequential> ups;

    /// <summary>A U-Net halving the image <paramref name="depth"/> times.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output.</param>
    /// <param name="depth">Stride-2 halvings; the bottleneck is H/2^depth.</param>
    /// <param name="width">Channels of the first layer.</param>
    /// <param name="dropout">Dropout of the three up layers next to the innermost while training.</param>
    /// <param name="upsampling">How the up layers double the resolution.</param>
    /// <param name="innerLevelsWithoutNorm">
    /// Innermost resolution levels whose maps skip instance norm: 1 as published (the bottleneck), 2 also skips the
    /// maps one level out (2×2 at 32 px), where instance norm over four values per channel discards the channel's
    /// level and leaves only its sign pattern over the four quadrants.
    /// </param>
    public UNetGenerator(
        int inChannels,
        int outChannels,
        int depth,
        int width = 64,
        double dropout = 0.5,
        UNetUpsampling upsampling = UNetUpsampling.TransposedConvolution,
        int innerLevelsWithoutNorm = 1) : base(nameof(UNetGenerator))
    {
        if (depth < 2 || width <= 0 || dropout is < 0 or >= 1 || innerLevelsWithoutNorm < 1 || innerLevelsWithoutNorm > depth)
        {
            throw new ArgumentException(
                $"Expected depth ≥ 2, a positive width, dropout in [0, 1) and 1 to depth inner levels without norm, found {depth}, {width}, {dropout}, {innerLevelsWithoutNorm}.");
        }

        // Level ℓ has resolution H/2^ℓ; the down layer i writes level i + 1 and the up layer i writes level i.
        bool Normalized(int level) => level <= depth - innerLevelsWithoutNorm;
        downs = new ModuleList<Sequential>();
        ups = new ModuleList<Sequential>();
        for (var i = 0; i < depth; i++)
        {
            var (from, to) = (i == 0 ? inChannels : TranslatorLayers.Width(width, i - 1), TranslatorLayers.Width(width, i));
            var down = new List<(string, Module<Tensor, Tensor>)>();
            if (i > 0)
            {
                down.Add(("relu", LeakyReLU(0.2)));
            }

            down.Add(("conv", Conv2d(from, to, 4, stride: 2, padding: 1)));   // (B, to, H/2^(i+1), W/2^(i+1))
            if (i > 0 && Normalized(i + 1))
            {
                down.Add(("norm", TranslatorLayers.InstanceNorm(to)));
            }

            downs.Add(Sequential(down));
        }

        for (var i = 0; i < depth; i++)
        {
            // Up layer i maps resolution level i+1 back to level i; its input is the skip concatenation except innermost.
            var inner = TranslatorLayers.Width(width, i);
            var from = i == depth - 1 ? inner : 2 * inner;
            var to = i == 0 ? outChannels : TranslatorLayers.Width(width, i - 1);
            var up = new List<(string, Module<Tensor, Tensor>)> { ("relu", ReLU()) };
            up.AddRange(TranslatorLayers.Upsampling(upsampling, from, to));
            if (i == 0)
            {
                up.Add(("tanh", Tanh()));
            }
            else
            {
                if (Normalized(i))
                {
                    up.Add(("norm", TranslatorLayers.InstanceNorm(to)));
                }

                if (i >= depth - 4 && i <= depth - 2 && dropout > 0)
                {
                    up.Add(("dropout", Dropout(dropout)));
                }
            }

            ups.Add(Sequential(up));
        }

        SizeMultiple = 1 << depth;
        RegisterComponents();
    }

    /// <summary>H and W must be multiples of this.</summary>
    public int SizeMultiple { get; }

    /// <summary>Down layers, outermost first.</summary>
    public ModuleList<Sequential> Downs => downs;

    /// <summary>Up layers, outermost first (called innermost first).</summary>
    public ModuleList<Sequential> Ups => ups;

    /// <summary>The depth that halves a square image down to 1×1 (8 at 256 px as published), or as often as it stays even.</summary>
    public static int DepthFor(int imageSize)
    {
        var depth = 0;
        while (imageSize % 2 == 0 && imageSize > 1)
        {
            imageSize /= 2;
            depth++;
        }

        return depth;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        TranslatorLayers.RequireMultiple(nameof(UNetGenerator), images.shape[^2], images.shape[^1], SizeMultiple);
        using var scope = NewDisposeScope();
        var skips = new List<Tensor>();
        var x = images;
        foreach (var down in downs)
        {
            x = down.call(x);                                     // (B, W_i, H/2^(i+1), W/2^(i+1))
            skips.Add(x);
        }

        for (var i = ups.Count - 1; i >= 0; i--)
        {
            var input = i == ups.Count - 1 ? x : cat([x, skips[i]], 1); // (B, 2·W_i, ...) with the skip
            x = ups[i].call(input);
        }

        return x.MoveToOuterDisposeScope();                       // (B, C', H, W)
    }
}

/// <summary>How a U-Net's up layers double the resolution.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UNetUpsampling>))]
public enum UNetUpsampling
{
    /// <summary>4×4 stride-2 transposed convolution, as published; its kernel overlaps unevenly (Odena et al. 2016).</summary>
    TransposedConvolution,

    /// <summary>Nearest-neighbour ×2 then a 3×3 convolution ("resize-convolution", Odena et al. 2016): no uneven overlap, no checkerboard.</summary>
    NearestConvolution,
}
