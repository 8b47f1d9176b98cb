using TorchSharp.Utils;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// StyleGAN2's synthesis network g (Karras et al. 2020, §2 and §4.1): a learned 4×4 constant, then one
/// <see cref="SynthesisBlock"/> per resolution up to the image size, each adding its toRGB output to the upsampled
/// image so far (the "skip" generator). ws (B, L, W) with L = <see cref="StyleGanOptions.StyleCount"/> → image
/// (B, C, S, S), unbounded (no tanh, as in the paper; training data lives in [−1, 1]).
/// <para>Keys: <c>const</c> (W₄, 4, 4), <c>blocks.i.*</c> (4×4 first).</para>
/// </summary>
public sealed class SynthesisNetwork : Module<Tensor, Tensor>
{
    [ComponentName(Name = "const")]
    private readonly Parameter constant;

    private readonly ModuleList<SynthesisBlock> blocks;

    private NoiseMode _noiseMode = NoiseMode.Random;

    /// <summary>Builds an untrained synthesis network.</summary>
    public SynthesisNetwork(StyleGanOptions options) : base(nameof(SynthesisNetwork))
    {
        options.Validate();
        Options = options;
        constant = new Parameter(randn(options.WidthAt(4), 4, 4));
        blocks = new ModuleList<SynthesisBlock>();
        long inChannels = options.WidthAt(4);
        foreach (var resolution in options.Resolutions)
        {
            var firstStyle = resolution == 4 ? 0 : (2 * blocks.Count) - 1;
            blocks.Add(new SynthesisBlock(options, inChannels, options.WidthAt(resolution), resolution, firstStyle));
            inChannels = options.WidthAt(resolution);
        }

        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public StyleGanOptions Options { get; }

    /// <summary>The learned 4×4 input (W₄, 4, 4).</summary>
    public Parameter Constant => constant;

    /// <summary>The blocks, 4×4 first.</summary>
    public IReadOnlyList<SynthesisBlock> Blocks => [.. blocks];

    /// <summary>Every synthesis layer (not toRGB), in call order.</summary>
    public IEnumerable<SynthesisLayer> Layers => blocks.SelectMany(b => b.Conv0 is null ? [b.Conv1] : new[] { b.Conv0, b.Conv1 });

    /// <summary>Where every layer's noise comes from: <see cref="NoiseMode.Random"/> (the default) for training.</summary>
    public NoiseMode NoiseMode
    {
        get => _noiseMode;
        set
        {
            _noiseMode = value;
            foreach (var layer in Layers)
            {
                layer.NoiseMode = value;
            }
        }
    }

    /// <summary>ws (B, L, W) → image (B, C, S, S).</summary>
    public override Tensor forward(Tensor ws)
    {
        var o = Options;
        if (ws.dim() != 3 || ws.shape[1] != o.StyleCount || ws.shape[2] != o.StyleSize)
        {
            throw new ArgumentException($"Synthesis expects ws of shape (batch, {o.StyleCount}, {o.StyleSize}), got ({string.Join(", ", ws.shape)}).", nameof(ws));
        }

        using var scope = NewDisposeScope();
        var x = constant.unsqueeze(0).expand(ws.shape[0], -1, -1, -1);               // (B, W₄, 4, 4)
        Tensor? image = null;
        foreach (var block in blocks)
        {
            (x, image) = block.call(x, image, ws);                                   // (B, W_R, R, R), (B, C, R, R)
        }

        return image!.MoveToOuterDisposeScope();
    }
}
