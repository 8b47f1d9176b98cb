using TorchSharp.Utils;

namespace Pipeline.Models.Layers;

/// <summary>
/// A fully connected layer with equalized learning rate (Karras et al. 2018, "Progressive Growing of GANs", §4.1):
/// the stored weight is drawn from N(0, 1/λ) and scaled at run time by λ/√fan_in (λ the learning-rate multiplier),
/// so that Adam's per-parameter step moves every layer's effective weight at the same relative speed. The bias is
/// stored divided by λ and scaled by λ. StyleGAN's mapping network uses λ = 0.01 (Karras et al. 2019, appendix C).
/// </summary>
public sealed class EqualizedLinear : Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")]
    private readonly Parameter weight;

    [ComponentName(Name = "bias")]
    private readonly Parameter? bias;

    /// <summary>A layer <paramref name="inFeatures"/> → <paramref name="outFeatures"/>.</summary>
    /// <param name="inFeatures">input width</param>
    /// <param name="outFeatures">output width</param>
    /// <param name="hasBias">whether the layer adds a bias</param>
    /// <param name="biasInit">the effective bias at initialisation (StyleGAN2's affine style layers start at 1)</param>
    /// <param name="learningRateMultiplier">λ: the effective learning rate relative to the optimiser's</param>
    public EqualizedLinear(long inFeatures, long outFeatures, bool hasBias = true, double biasInit = 0, double learningRateMultiplier = 1)
        : base(nameof(EqualizedLinear))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRateMultiplier);
        weight = new Parameter(randn(outFeatures, inFeatures) / learningRateMultiplier);
        bias = hasBias ? new Parameter(full(outFeatures, biasInit / learningRateMultiplier)) : null;
        WeightGain = EqualizedLearningRate.WeightGain(inFeatures, learningRateMultiplier);
        BiasGain = learningRateMultiplier;
        RegisterComponents();
    }

    /// <summary>The stored weight (out, in); the effective weight is <c>Weight · WeightGain</c>.</summary>
    public Parameter Weight => weight;

    /// <summary>The stored bias (out), or null; the effective bias is <c>Bias · BiasGain</c>.</summary>
    public Parameter? Bias => bias;

    /// <summary>λ/√fan_in.</summary>
    public double WeightGain { get; }

    /// <summary>λ.</summary>
    public double BiasGain { get; }

    /// <summary>The weight the layer computes with (out, in), for exporters.</summary>
    public Tensor EffectiveWeight() => weight * WeightGain;

    /// <summary>The bias the layer computes with (out), or null, for exporters.</summary>
    public Tensor? EffectiveBias() => bias is null ? null : bias * BiasGain;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var w = EffectiveWeight().to(input.dtype);
        var b = EffectiveBias()?.to(input.dtype);
        return functional.linear(input, w, b).MoveToOuterDisposeScope(); // (..., out)
    }
}
