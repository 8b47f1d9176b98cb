namespace Pipeline.Training.Translation;

/// <summary>
/// CycleGAN's networks and loss weights (Zhu et al. 2017): cycle λ = 10, identity 0.5λ, a pool of 50.
/// </summary>
/// <param name="Channels">Channels of both domains.</param>
/// <param name="ImageSize">Side of the square training images; picks residual blocks and PatchGAN depth.</param>
/// <param name="GeneratorWidth">Channels of the generators' first layer (64 published).</param>
/// <param name="DiscriminatorWidth">Channels of the discriminators' first layer (64 published).</param>
/// <param name="CycleWeight">λ of the cycle-consistency loss (eq. 2–3).</param>
/// <param name="IdentityWeight">The identity loss's weight as a fraction of λ (section 5.2, Taigman et al. 2017).</param>
/// <param name="PoolSize">Generated images kept for D's updates (section 4).</param>
public sealed record CycleGanOptions(
    int Channels = 1,
    int ImageSize = 28,
    int GeneratorWidth = 32,
    int DiscriminatorWidth = 32,
    double CycleWeight = 10,
    double IdentityWeight = 0.5,
    int PoolSize = 50);
