namespace Pipeline.Models.Vae;

/// <summary>
/// q(z | x) = N(μ(x), diag σ²(x)): a shared trunk followed by two linear heads, one for μ and one for log σ²
/// (the lecture's "two heads 400→20").
/// </summary>
public sealed class GaussianEncoder : Module<Tensor, (Tensor Mean, Tensor LogVar)>
{
    private readonly Module<Tensor, Tensor> trunk;
    private readonly Linear mean;
    private readonly Linear logVar;

    /// <summary>Wraps <paramref name="trunk"/>, whose output has <paramref name="features"/> columns.</summary>
    public GaussianEncoder(Module<Tensor, Tensor> trunk, int features, int latentSize) : base(nameof(GaussianEncoder))
    {
        this.trunk = trunk;
        mean = Linear(features, latentSize);
        logVar = Linear(features, latentSize);
        RegisterComponents();
    }

    /// <summary>The shared layers before the heads.</summary>
    public Module<Tensor, Tensor> Trunk => trunk;

    /// <summary>The μ head.</summary>
    public Linear MeanHead => mean;

    /// <summary>The log σ² head.</summary>
    public Linear LogVarHead => logVar;

    /// <inheritdoc />
    public override (Tensor Mean, Tensor LogVar) forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var features = trunk.call(images); // (B, features)
        var mu = mean.call(features);      // (B, latent)
        var logSigma2 = logVar.call(features);
        return (mu.MoveToOuterDisposeScope(), logSigma2.MoveToOuterDisposeScope());
    }
}
