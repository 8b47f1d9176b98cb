namespace Pipeline.Models.Vae;

/// <summary>
/// Auto-Encoding Variational Bayes (Kingma and Welling 2014): encoder q(z | x), prior p(z) = N(0, I), decoder p(x | z).
/// Images are (B, C, H, W) in [0, 1].
/// </summary>
public sealed class VariationalAutoencoder : Module<Tensor, (Tensor Logits, Tensor Mean, Tensor LogVar, Tensor Z)>
{
    private readonly GaussianEncoder encoder;
    private readonly Sequential decoder;
    private readonly PixelLikelihood likelihood;

    private VariationalAutoencoder(VaeOptions options, GaussianEncoder encoder, Sequential decoder, PixelLikelihood likelihood)
        : base(nameof(VariationalAutoencoder))
    {
        Options = options;
        this.encoder = encoder;
        this.decoder = decoder;
        this.likelihood = likelihood;
        RegisterComponents();
    }

    /// <summary>Builds an untrained VAE.</summary>
    public static VariationalAutoencoder Create(VaeOptions options)
    {
        var (encoder, decoder) = VaeNetworks.Build(options);
        return new VariationalAutoencoder(options, encoder, decoder, PixelLikelihood.Create(options));
    }

    /// <summary>The options this VAE was built from.</summary>
    public VaeOptions Options { get; }

    /// <summary>Image → (μ, log σ²).</summary>
    public GaussianEncoder Encoder => encoder;

    /// <summary>z → logits (B, C, H, W); the image is their sigmoid.</summary>
    public Sequential Decoder => decoder;

    /// <summary>The decoder's observation model.</summary>
    public PixelLikelihood Likelihood => likelihood;

    /// <inheritdoc />
    public override (Tensor Logits, Tensor Mean, Tensor LogVar, Tensor Z) forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var (mean, logVar) = encoder.call(images);        // (B, latent) each
        var z = DiagonalGaussian.Sample(mean, logVar);    // (B, latent)
        var logits = decoder.call(z);                     // (B, C, H, W)
        return (logits.MoveToOuterDisposeScope(), mean.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope(), z.MoveToOuterDisposeScope());
    }

    /// <summary>(μ, log σ²) of q(z | x).</summary>
    public (Tensor Mean, Tensor LogVar) Encode(Tensor images) => encoder.call(images);

    /// <summary>The decoder's mean image sigmoid(logits), in [0, 1].</summary>
    public Tensor Decode(Tensor z)
    {
        using var scope = NewDisposeScope();
        return functional.sigmoid(decoder.call(z)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The two terms of the negative ELBO per image (nats): −E_q[log p(x | z)] estimated with one sample, and the
    /// closed-form KL(q(z | x) ‖ p(z)). The training loss is Reconstruction + β·Kl.
    /// </summary>
    public (Tensor Reconstruction, Tensor Kl) NegativeElboTerms(Tensor images)
    {
        using var scope = NewDisposeScope();
        var (logits, mean, logVar, _) = forward(images);
        var reconstruction = -likelihood.LogLikelihood(logits, images); // (B)
        var kl = DiagonalGaussian.KlToStandardNormal(mean, logVar);    // (B)
        return (reconstruction.MoveToOuterDisposeScope(), kl.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The importance-weighted estimate of log p(x) with <paramref name="samples"/> draws from q (Burda et al. 2016,
    /// eq. 8): log (1/k) Σ p(x, z_i) / q(z_i | x). One value per image; tighter than the ELBO as k grows.
    /// </summary>
    public Tensor ImportanceWeightedLogLikelihood(Tensor images, int samples)
    {
        if (samples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "Need at least one importance sample.");
        }

        using var scope = NewDisposeScope();
        var (mean, logVar) = encoder.call(images);                          // (B, latent)
        var batch = images.shape[0];
        var logWeights = new List<Tensor>(samples);
        for (var i = 0; i < samples; i++)
        {
            var z = DiagonalGaussian.Sample(mean, logVar);                  // (B, latent)
            var logLikelihood = likelihood.LogLikelihood(decoder.call(z), images);
            logWeights.Add(logLikelihood + DiagonalGaussian.StandardLogDensity(z) - DiagonalGaussian.LogDensity(z, mean, logVar));
        }

        var stacked = stack(logWeights, 1);                                 // (B, k)
        return (stacked.logsumexp(1) - Math.Log(samples)).reshape(batch).MoveToOuterDisposeScope();
    }
}
