using Pipeline.Training.Loop;

namespace Pipeline.Training.Vae;

/// <summary>One VAE step: the β-weighted loss and the per-image negative ELBO terms (nats).</summary>
public readonly record struct VaeStepReport(double Loss, double Reconstruction, double Kl, int Images) : IStepReport
{
    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown => [("-ELBO", Reconstruction + Kl), ("KL", Kl), ("loss", Loss)];
}
