namespace Pipeline.Training.Translation;

/// <summary>One CycleGAN step's losses, each averaged over the batch.</summary>
/// <param name="GeneratorA">G_A's adversarial loss against D_A.</param>
/// <param name="GeneratorB">G_B's adversarial loss against D_B.</param>
/// <param name="CycleA">‖G_B(G_A(a)) − a‖₁.</param>
/// <param name="CycleB">‖G_A(G_B(b)) − b‖₁.</param>
/// <param name="IdentityA">‖G_A(b) − b‖₁.</param>
/// <param name="IdentityB">‖G_B(a) − a‖₁.</param>
/// <param name="DiscriminatorA">D_A's loss.</param>
/// <param name="DiscriminatorB">D_B's loss.</param>
public readonly record struct CycleGanLosses(
    double GeneratorA, double GeneratorB, double CycleA, double CycleB, double IdentityA, double IdentityB, double DiscriminatorA, double DiscriminatorB);
