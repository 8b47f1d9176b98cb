using Pipeline.Models.Layers;

namespace Pipeline.Models.Gans;

/// <summary>
/// A convolutional discriminator with a projection head (Miyato and Koyama 2018, eq. 3):
/// logit(x, y) = ψ(φ(x)) + ⟨embed(y), φ(x)⟩, where φ(x) is the trunk's features summed over positions.
/// Images (B, C, H, W) in [−1, 1], labels (B) int64 → logits or critic scores (B), unbounded.
/// <para>
/// Layers, in call order: <c>trunk</c>, a Sequential with, per halving i, <c>conv{i}a</c> 3×3 stride 1 →
/// <c>lrelu{i}a</c> → <c>conv{i}b</c> 4×4 stride 2 → <c>lrelu{i}b</c> (widths W, 2W, 4W ...), optionally
/// <c>attention</c> (<see cref="SelfAttention2d"/>) after the stage that works at the attention resolution, then
/// <c>top</c> 3×3 → <c>lrelu_top</c> at the base size; φ = sum over H, W (B, W_top); <c>head</c> ψ: Linear(W_top, 1);
/// <c>embed</c>: Embedding(classes, W_top), absent when unconditional; <c>classifier</c>: Linear(W_top, classes), only
/// with <see cref="GanOptions.AuxiliaryClassifier"/>. LeakyReLU slope 0.1 as in SNGAN. With
/// spectral norm every conv and <c>head</c> is a <see cref="SpectralNorm"/>, otherwise plain Conv2d/Linear.
/// </para>
/// <para>
/// Speed (values unchanged up to float rounding): the LeakyReLUs work in place on the convolution outputs (conv
/// backward needs its input, not its output), and with <see cref="ChannelsLast"/> the trunk's activations are kept
/// in channels-last memory order, in which libtorch's oneDNN convolutions skip the reorders to and from their
/// blocked layout. On the fashion28 trunk (1 thread, batch 128) that made each convolution's forward + backward
/// 9–15% faster in isolation, but the whole training step came out even (1.00x, interquartile range 0.97–1.08,
/// over interleaved steps in one process), the copy into the order eating the gain at this size.
/// </para>
/// </summary>
public sealed class ProjectionDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private const double Slope = 0.1;

    private readonly Sequential trunk;
    private readonly Module<Tensor, Tensor> head;
    private readonly Embedding? embed;
    private readonly Linear? classifier;

    private readonly Module<Tensor, Tensor>[] _layers;

    /// <summary>Builds an untrained discriminator.</summary>
    public ProjectionDiscriminator(GanOptions options) : base(nameof(ProjectionDiscriminator))
    {
        options.Validate();
        Options = options;
        var sizes = options.Resolutions;
        var sn = options.SpectralNorm;
        trunk = Sequential();
        long inChannels = options.Channels, width = options.DiscriminatorWidth;
        for (var i = sizes.Count - 1; i >= 1; i--)
        {
            var stage = sizes.Count - 1 - i;
            trunk.append($"conv{stage}a", Conv(inChannels, width, 3, 1, 1, sn));
            trunk.append($"lrelu{stage}a", LeakyReLU(Slope, inplace: true));
            if (options.AttentionResolution == sizes[i])
            {
                trunk.append("attention", new SelfAttention2d(width, sn));
            }

            trunk.append($"conv{stage}b", Conv(width, width * 2, 4, 2, 1, sn));
            trunk.append($"lrelu{stage}b", LeakyReLU(Slope, inplace: true));
            inChannels = width * 2;
            width *= 2;
        }

        trunk.append("top", Conv(inChannels, inChannels, 3, 1, 1, sn));
        trunk.append("lrelu_top", LeakyReLU(Slope, inplace: true));
        FeatureSize = inChannels;
        head = sn ? SpectralNorm.Linear(inChannels, 1) : Linear(inChannels, 1);
        if (options.IsConditional)
        {
            embed = Embedding(options.ClassCount, inChannels);
            init.xavier_uniform_(embed.weight!);
            if (options.AuxiliaryClassifier)
            {
                classifier = Linear(inChannels, options.ClassCount);
            }
        }

        RegisterComponents();
        _layers = [.. trunk.children().Cast<Module<Tensor, Tensor>>()];
    }

    /// <summary>
    /// Keep the trunk's activations in channels-last memory order (the default; faster with oneDNN). False runs
    /// the trunk in the contiguous NCHW order, for comparing the two.
    /// </summary>
    public bool ChannelsLast { get; set; } = true;

    /// <summary>
    /// The precision of the trunk's convolutions and activations: Float32 (the default) or BFloat16 (mixed precision:
    /// fp32 weights cast per call, φ(x) and the heads in fp32). Attention blocks compute in fp32 either way.
    /// </summary>
    public ScalarType ComputeType { get; set; } = ScalarType.Float32;

    /// <summary>The options it was built from.</summary>
    public GanOptions Options { get; }

    /// <summary>Width of φ(x).</summary>
    public long FeatureSize { get; }

    /// <summary>The convolutional trunk (and attention), image → (B, W_top, s₀, s₀).</summary>
    public Sequential Trunk => trunk;

    /// <summary>ψ, the unconditional linear head.</summary>
    public Module<Tensor, Tensor> Head => head;

    /// <summary>The class embedding of the projection term, or null when unconditional.</summary>
    public Embedding? Embed => embed;

    /// <summary>φ(x): trunk features summed over positions, (B, W_top).</summary>
    public Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = LowPrecision.As(images, ComputeType);                 // (B, C, H, W)
        foreach (var layer in _layers)
        {
            x = layer switch
            {
                Conv2d conv => LowPrecision.Conv2d(conv, x),
                SpectralNorm or TorchSharp.Modules.LeakyReLU => layer.call(x),
                _ => LowPrecision.As(layer.call(LowPrecision.As(x, ScalarType.Float32)), ComputeType), // attention: softmax and γ in fp32
            };
            x = ChannelsLast ? MemoryLayout.ToChannelsLast(x) : x;    // once, after the first conv: later layers keep the order
        }

        return LowPrecision.As(x, ScalarType.Float32).sum([2, 3]).MoveToOuterDisposeScope();
    }

    /// <summary>images (B, C, H, W) in [−1, 1], labels (B) int64 → (B) logits.</summary>
    public override Tensor forward(Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return ScoreAndClassify(images, labels).Logits.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The logits (B) and, with an auxiliary classifier, class logits (B, classes) from one pass through the trunk
    /// (one spectral-norm power iteration).
    /// </summary>
    public (Tensor Logits, Tensor? ClassLogits) ScoreAndClassify(Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var phi = Features(images);                                   // (B, W_top)
        var logits = head.call(phi).squeeze(1);                       // (B)
        if (embed is not null)
        {
            logits = logits + (embed.call(labels) * phi).sum(1);      // + ⟨embed(y), φ(x)⟩
        }

        var classLogits = classifier?.call(phi);                      // (B, classes)
        return (logits.MoveToOuterDisposeScope(), classLogits?.MoveToOuterDisposeScope());
    }

    private static Module<Tensor, Tensor> Conv(long input, long output, long kernel, long stride, long padding, bool spectralNorm) =>
        spectralNorm
            ? SpectralNorm.Conv2d(input, output, kernel, stride, padding)
            : Conv2d(input, output, kernel, stride: stride, padding: padding);
}
