namespace Pipeline.Models.Vae;

/// <summary>Closed forms for a diagonal Gaussian posterior N(μ, diag σ²) parameterised by (μ, log σ²).</summary>
public static class DiagonalGaussian
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>z = μ + σ ⊙ ε with ε ~ N(0, I): the reparameterisation trick (Kingma and Welling 2014, eq. 10).</summary>
    public static Tensor Sample(Tensor mean, Tensor logVar)
    {
        using var scope = NewDisposeScope();
        var epsilon = randn_like(mean);
        return (mean + exp(0.5 * logVar) * epsilon).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), summed over latent dimensions: one value per sample
    /// (Kingma and Welling 2014, appendix B).
    /// </summary>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVar)
    {
        using var scope = NewDisposeScope();
        return (-0.5 * (1 + logVar - mean.square() - logVar.exp()).sum(-1)).MoveToOuterDisposeScope();
    }

    /// <summary>log N(z; μ, σ²) summed over the last dimension.</summary>
    public static Tensor LogDensity(Tensor z, Tensor mean, Tensor logVar)
    {
        using var scope = NewDisposeScope();
        var perDim = -0.5 * (LogTwoPi + logVar + (z - mean).square() / logVar.exp());
        return perDim.sum(-1).MoveToOuterDisposeScope();
    }

    /// <summary>log N(z; 0, I) summed over the last dimension.</summary>
    public static Tensor StandardLogDensity(Tensor z)
    {
        using var scope = NewDisposeScope();
        return (-0.5 * (LogTwoPi + z.square())).sum(-1).MoveToOuterDisposeScope();
    }
}
