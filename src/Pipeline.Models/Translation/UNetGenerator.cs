using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

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
/// Images (B, C, H, W) in [−1, 1] → (B, C', H, W) in [−1, 1] for H and W divisible by 2^depth.
/// Keys <c>downs.i.*</c>, <c>ups.i.*</c>.
/// </summary>
public sealed class UNetGenerator : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> downs;
    private readonly ModuleList<Sequential> ups;

    /// <summary>A U-Net halving the image <paramref name="depth"/> times.</summary>
    public UNetGenerator(int inChannels, int outChannels, int depth, int width = 64, double dropout = 0.5) : base(nameof(UNetGenerator))
    {
        if (depth < 2 || width <= 0 || dropout is < 0 or >= 1)
        {
            throw new ArgumentException($"Expected depth ≥ 2, a positive width and dropout in [0, 1), found {depth}, {width}, {dropout}.");
        }

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
            if (i > 0 && i < depth - 1)
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
            var up = new List<(string, Module<Tensor, Tensor>)>
            {
                ("relu", ReLU()),
                ("conv", ConvTranspose2d(from, i == 0 ? outChannels : TranslatorLayers.Width(width, i - 1), 4, stride: 2, padding: 1)),
            };
            if (i == 0)
            {
                up.Add(("tanh", Tanh()));
            }
            else
            {
                up.Add(("norm", TranslatorLayers.InstanceNorm(TranslatorLayers.Width(width, i - 1))));
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
