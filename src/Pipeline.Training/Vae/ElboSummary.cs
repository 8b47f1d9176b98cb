namespace Pipeline.Training.Vae;

/// <summary>Negative ELBO and its two terms, averaged per image, in nats.</summary>
public readonly record struct ElboSummary(double NegElbo, double Reconstruction, double Kl, int Images);
