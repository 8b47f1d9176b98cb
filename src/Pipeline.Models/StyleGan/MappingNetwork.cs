using Pipeline.Models.Layers;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// The mapping network f: Z → W (Karras et al. 2019, §2): z normalised to unit second moment, then
/// <see cref="StyleGanOptions.MappingLayers"/> equalized fully connected layers with λ = 0.01, each followed by
/// leaky ReLU 0.2 · √2. A conditional network looks the label up in a class embedding, normalises it the same way and
/// concatenates it to the normalised z (StyleGAN2-ADA's MappingNetwork, Karras et al. 2020b).
/// (z (B, Z), labels (B) int64 or null) → w (B, W).
/// <para>Keys: <c>embed.weight</c> (classes, W, conditional only), <c>layers.i.weight</c>, <c>layers.i.bias</c>.</para>
/// </summary>
public sealed class MappingNetwork : Module<Tensor, Tensor?, Tensor>
{
    private readonly PixelNorm norm;
    private readonly Embedding? embed;
    private readonly ModuleList<EqualizedLinear> layers;

    /// <summary>Builds an untrained mapping network.</summary>
    public MappingNetwork(StyleGanOptions options) : base(nameof(MappingNetwork))
    {
        options.Validate();
        Options = options;
        norm = new PixelNorm();
        // ADA embeds a one-hot label with a fully connected layer; a lookup is the same map without the one-hot.
        embed = options.IsConditional ? Embedding(options.ClassCount, options.StyleSize) : null;
        layers = new ModuleList<EqualizedLinear>();
        long inFeatures = options.LatentSize + (options.IsConditional ? options.StyleSize : 0);
        for (var i = 0; i < options.MappingLayers; i++)
        {
            layers.Add(new EqualizedLinear(inFeatures, options.StyleSize, learningRateMultiplier: options.MappingLearningRateMultiplier));
            inFeatures = options.StyleSize;
        }

        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public StyleGanOptions Options { get; }

    /// <summary>The normalisation applied to z and to the class embedding.</summary>
    public PixelNorm Norm => norm;

    /// <summary>The class embedding (classes, W), or null when unconditional.</summary>
    public Embedding? Embed => embed;

    /// <summary>The fully connected layers, first first.</summary>
    public IReadOnlyList<EqualizedLinear> Layers => [.. layers];

    /// <summary>z (B, Z), labels (B) int64 (required when conditional, ignored otherwise) → w (B, W).</summary>
    public override Tensor forward(Tensor z, Tensor? labels)
    {
        using var scope = NewDisposeScope();
        var x = norm.call(z);                                                       // (B, Z)
        if (embed is not null)
        {
            ArgumentNullException.ThrowIfNull(labels, "labels (a conditional mapping network needs one class per z)");
            x = cat([x, norm.call(embed.call(labels))], 1);                         // (B, Z + W)
        }

        foreach (var layer in layers)
        {
            x = StyleActivation.Apply(layer.call(x));                               // (B, W)
        }

        return x.MoveToOuterDisposeScope();
    }
}
