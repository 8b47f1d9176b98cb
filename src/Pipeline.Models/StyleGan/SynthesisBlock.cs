namespace Pipeline.Models.StyleGan;

/// <summary>
/// One resolution of StyleGAN2's skip-connection synthesis (Karras et al. 2020, §4.1, Figure 7b, "output skips"):
/// above 4×4, <c>conv0</c> upsamples ×2 and convolves, then <c>conv1</c> convolves; <c>torgb</c> turns the features
/// into an image that is added to the upsampled image of the previous resolution. The block reads its w vectors from
/// ws (B, L, W) starting at <see cref="FirstStyle"/> (the index layout is documented on
/// <see cref="StyleGanOptions.StyleCount"/>). (x (B, in, R/2, R/2) or the 4×4 constant, image (B, C, R/2, R/2) or
/// null, ws) → (features (B, out, R, R), image (B, C, R, R)).
/// <para>Keys: <c>conv0.*</c> (above 4×4 only), <c>conv1.*</c>, <c>torgb.*</c>.</para>
/// </summary>
public sealed class SynthesisBlock : Module<Tensor, Tensor?, Tensor, (Tensor Features, Tensor Image)>
{
    private readonly SynthesisLayer? conv0;
    private readonly SynthesisLayer conv1;
    private readonly ToRgbLayer torgb;

    /// <summary>The block at <paramref name="resolution"/>; the 4×4 one (<paramref name="inChannels"/> = its constant's width) has no upsampling layer.</summary>
    public SynthesisBlock(StyleGanOptions options, long inChannels, long outChannels, int resolution, int firstStyle) : base(nameof(SynthesisBlock))
    {
        var first = resolution == 4;
        conv0 = first ? null : new SynthesisLayer(options.StyleSize, inChannels, outChannels, resolution, upsample: true);
        conv1 = new SynthesisLayer(options.StyleSize, first ? inChannels : outChannels, outChannels, resolution, upsample: false);
        torgb = new ToRgbLayer(options.StyleSize, outChannels, options.Channels);
        Resolution = resolution;
        FirstStyle = firstStyle;
        RegisterComponents();
    }

    /// <summary>The upsampling layer, or null in the 4×4 block.</summary>
    public SynthesisLayer? Conv0 => conv0;

    /// <summary>The second (or, at 4×4, only) layer.</summary>
    public SynthesisLayer Conv1 => conv1;

    /// <summary>The toRGB layer.</summary>
    public ToRgbLayer ToRgb => torgb;

    /// <summary>Output height and width.</summary>
    public int Resolution { get; }

    /// <summary>Index in ws of the w its first layer takes; the following layers take the next ones.</summary>
    public int FirstStyle { get; }

    /// <summary>Index in ws of the w of each of its layers, in call order: conv0 (if any), conv1, torgb.</summary>
    public IReadOnlyList<int> StyleIndices => conv0 is null ? [FirstStyle, FirstStyle + 1] : [FirstStyle, FirstStyle + 1, FirstStyle + 2];

    /// <summary>x, image or null, ws (B, L, W) → (features (B, out, R, R), image (B, C, R, R)).</summary>
    public override (Tensor Features, Tensor Image) forward(Tensor input, Tensor? image, Tensor ws)
    {
        using var scope = NewDisposeScope();
        var style = FirstStyle;
        var x = conv0 is null ? input : conv0.call(input, ws.select(1, style++));   // (B, out, R, R)
        x = conv1.call(x, ws.select(1, style++));
        var rgb = torgb.call(x, ws.select(1, style));                                // (B, C, R, R)
        var sum = image is null ? rgb : StyleResampling.Up(image) + rgb;
        return (x.MoveToOuterDisposeScope(), sum.MoveToOuterDisposeScope());
    }
}
