using Pipeline.Models.Layers;

namespace Pipeline.Models.Gans;

/// <summary>
/// A DCGAN-style generator (Radford et al. 2016) conditioned by conditional batch normalisation (Miyato and Koyama
/// 2018): z (B, Z) and labels (B) int64 → images (B, C, H, W) in [−1, 1] (tanh). Training maps data from [0, 1] to
/// [−1, 1] by 2x − 1; <see cref="ToUnitRange"/> maps the output back for pictures and classifiers.
/// <para>
/// Layers, in call order: <c>project</c> Linear(Z, W₀·s₀²) → reshape (B, W₀, s₀, s₀) → <c>projectNorm</c>
/// (<see cref="ConditionalBatchNorm2d"/>) → ReLU; then per doubling <c>blocks.i</c> (<see cref="GeneratorBlock"/>:
/// ConvTranspose2d 4×4 stride 2 → CBN → ReLU), with <c>attention</c> (<see cref="SelfAttention2d"/>, optional) after
/// the block whose output has the attention resolution; then <c>output</c> Conv2d 3×3 → tanh. An unconditional
/// generator has one class and ignores the labels it is given (all its CBN layers use class 0).
/// </para>
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor, Tensor>
{
    private readonly Linear project;
    private readonly ConditionalBatchNorm2d projectNorm;
    private readonly ModuleList<GeneratorBlock> blocks;
    private readonly SelfAttention2d? attention;
    private readonly Conv2d output;

    private readonly int _attentionAfter;
    private readonly long[] _baseShape;
    private ScalarType _computeType = ScalarType.Float32;

    /// <summary>Builds an untrained generator.</summary>
    public DcganGenerator(GanOptions options) : base(nameof(DcganGenerator))
    {
        options.Validate();
        Options = options;
        var sizes = options.Resolutions;                                 // e.g. [7, 14, 28]
        var classes = Math.Max(options.ClassCount, 1);
        var width = (long)options.GeneratorWidth << (sizes.Count - 1);   // W₀ at the base size
        _baseShape = [width, sizes[0], sizes[0]];
        project = Linear(options.LatentSize, width * sizes[0] * sizes[0]);
        projectNorm = new ConditionalBatchNorm2d(width, classes);
        blocks = new ModuleList<GeneratorBlock>();
        _attentionAfter = -1;
        for (var i = 1; i < sizes.Count; i++)
        {
            blocks.Add(new GeneratorBlock(width, width / 2, classes));
            width /= 2;
            if (options.AttentionResolution == sizes[i])
            {
                attention = new SelfAttention2d(width, spectralNorm: false);
                _attentionAfter = i - 1;
            }
        }

        output = Conv2d(width, options.Channels, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>
    /// The precision of the (transposed) convolutions: Float32 (the default) or BFloat16 (mixed precision: fp32
    /// weights cast per call; the projection, normalisation, attention and tanh in fp32).
    /// </summary>
    public ScalarType ComputeType
    {
        get => _computeType;
        set
        {
            _computeType = value;
            foreach (var block in blocks)
            {
                block.ComputeType = value;
            }
        }
    }

    /// <summary>The options it was built from.</summary>
    public GanOptions Options { get; }

    /// <summary>The first layer, z → W₀·s₀² features.</summary>
    public Linear Project => project;

    /// <summary>The CBN after the projection.</summary>
    public ConditionalBatchNorm2d ProjectNorm => projectNorm;

    /// <summary>The upsampling blocks, base resolution first.</summary>
    public IReadOnlyList<GeneratorBlock> Blocks => [.. blocks];

    /// <summary>The self-attention block, or null.</summary>
    public SelfAttention2d? Attention => attention;

    /// <summary>Index of the block after which <see cref="Attention"/> runs (−1 without attention).</summary>
    public int AttentionAfterBlock => _attentionAfter;

    /// <summary>The final 3×3 convolution to image channels (followed by tanh).</summary>
    public Conv2d Output => output;

    /// <summary>z (B, Z), labels (B) int64 → images (B, C, H, W) in [−1, 1].</summary>
    public override Tensor forward(Tensor z, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var classes = Options.IsConditional ? labels : zeros(z.shape[0], ScalarType.Int64, device: z.device);
        var x = project.call(z).reshape([z.shape[0], .. _baseShape]);  // (B, W₀, s₀, s₀)
        x = functional.relu(projectNorm.call(x, classes));
        for (var i = 0; i < blocks.Count; i++)
        {
            x = blocks[i].call(x, classes);                             // (B, W₀/2^(i+1), 2^(i+1)·s₀, ...)
            x = i == _attentionAfter ? attention!.call(x) : x;
        }

        var pixels = LowPrecision.Conv2d(output, LowPrecision.As(x, _computeType));
        return tanh(LowPrecision.As(pixels, ScalarType.Float32)).MoveToOuterDisposeScope(); // (B, C, H, W)
    }

    /// <summary>Maps generator output from [−1, 1] to pixel intensities in [0, 1].</summary>
    public static Tensor ToUnitRange(Tensor images) => ((images + 1) * 0.5).clamp(0, 1);

    /// <summary>Maps data in [0, 1] to the generator's [−1, 1].</summary>
    public static Tensor FromUnitRange(Tensor images) => (images * 2) - 1;
}

/// <summary>One generator stage: ConvTranspose2d 4×4 stride 2 (doubles H and W) → conditional BN → ReLU. Keys <c>upsample.*</c>, <c>norm.*</c>.</summary>
public sealed class GeneratorBlock : Module<Tensor, Tensor, Tensor>
{
    private readonly ConvTranspose2d upsample;
    private readonly ConditionalBatchNorm2d norm;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public GeneratorBlock(long inChannels, long outChannels, long classCount) : base(nameof(GeneratorBlock))
    {
        upsample = ConvTranspose2d(inChannels, outChannels, 4, stride: 2, padding: 1);
        norm = new ConditionalBatchNorm2d(outChannels, classCount);
        RegisterComponents();
    }

    /// <summary>The precision of the transposed convolution (its output is normalised in fp32).</summary>
    public ScalarType ComputeType { get; set; } = ScalarType.Float32;

    /// <summary>The transposed convolution.</summary>
    public ConvTranspose2d Upsample => upsample;

    /// <summary>The conditional batch normalisation.</summary>
    public ConditionalBatchNorm2d Norm => norm;

    /// <summary>x (B, Cin, H, W), labels (B) → (B, Cout, 2H, 2W).</summary>
    public override Tensor forward(Tensor input, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var upsampled = LowPrecision.ConvTranspose2d(upsample, LowPrecision.As(input, ComputeType));
        return functional.relu(norm.call(LowPrecision.As(upsampled, ScalarType.Float32), labels)).MoveToOuterDisposeScope();
    }
}
