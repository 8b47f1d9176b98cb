namespace Pipeline.Models.Vae;

/// <summary>
/// p(x | z) for pixel intensities in [0, 1], given the decoder's unbounded output ("logits", shape (B, C, H, W)).
/// The image the model "means" is sigmoid(logits) for every likelihood, so the exported decoder is the same graph.
/// </summary>
public abstract class PixelLikelihood : Module
{
    private protected PixelLikelihood(string name) : base(name)
    {
    }

    /// <summary>log p(x | z) summed over pixels: one value per image, shape (B).</summary>
    public abstract Tensor LogLikelihood(Tensor logits, Tensor images);

    /// <summary>Builds the observation model the options name.</summary>
    public static PixelLikelihood Create(VaeOptions options) => options.Likelihood switch
    {
        DecoderLikelihood.Bernoulli => new BernoulliLikelihood(),
        DecoderLikelihood.GaussianLearnedVariance => new GaussianLikelihood(options.Channels, options.ImageSize, learned: true, options.FixedStdDev),
        DecoderLikelihood.GaussianFixedVariance => new GaussianLikelihood(options.Channels, options.ImageSize, learned: false, options.FixedStdDev),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Likelihood, "Unknown decoder likelihood."),
    };
}

/// <summary>
/// Independent Bernoulli pixels: log p(x | z) = −BCE(logits, x). With grey-level targets this is the usual
/// continuous relaxation (as in Kingma and Welling's and PyTorch's examples), not a normalised density.
/// </summary>
public sealed class BernoulliLikelihood : PixelLikelihood
{
    public BernoulliLikelihood() : base(nameof(BernoulliLikelihood))
    {
    }

    /// <inheritdoc />
    public override Tensor LogLikelihood(Tensor logits, Tensor images)
    {
        using var scope = NewDisposeScope();
        var bce = functional.binary_cross_entropy_with_logits(logits, images, reduction: Reduction.None);
        return (-bce.flatten(1).sum(1)).MoveToOuterDisposeScope();
    }
}

/// <summary>Diagonal Gaussian pixels around sigmoid(logits) with a learned per-pixel or a fixed variance.</summary>
public sealed class GaussianLikelihood : PixelLikelihood
{
    // Learned variances on near-binary images can shrink without bound and turn the ELBO into +∞; the floor
    // σ ≥ e^-3 ≈ 0.05 (a grey level of 12/255) keeps the bound finite.
    private const double MinLogVar = -6.0;
    private const double MaxLogVar = 2.0;
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly Parameter? logVar;
    private readonly double fixedLogVar;

    public GaussianLikelihood(int channels, int imageSize, bool learned, double fixedStdDev) : base(nameof(GaussianLikelihood))
    {
        fixedLogVar = 2 * Math.Log(fixedStdDev);
        if (learned)
        {
            logVar = Parameter(full(new long[] { channels, imageSize, imageSize }, fixedLogVar));
        }

        RegisterComponents();
    }

    /// <summary>Whether the variance is trained.</summary>
    public bool IsVarianceLearned => logVar is not null;

    /// <inheritdoc />
    public override Tensor LogLikelihood(Tensor logits, Tensor images)
    {
        using var scope = NewDisposeScope();
        var mean = functional.sigmoid(logits);
        var logSigma2 = logVar is null
            ? full_like(mean, fixedLogVar)
            : logVar.clamp(MinLogVar, MaxLogVar).expand_as(mean);
        var perPixel = -0.5 * (LogTwoPi + logSigma2 + (images - mean).square() / logSigma2.exp());
        return perPixel.flatten(1).sum(1).MoveToOuterDisposeScope();
    }
}
