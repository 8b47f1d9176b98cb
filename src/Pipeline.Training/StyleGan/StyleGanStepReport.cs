using Pipeline.Training.Loop;

namespace Pipeline.Training.StyleGan;

/// <summary>One StyleGAN2 step: the logistic losses, D's view of real and generated images, and the lazy terms when they ran.</summary>
/// <param name="DiscriminatorLoss">D's non-saturating logistic loss, without R1.</param>
/// <param name="GeneratorLoss">G's non-saturating loss −E[log D(G(z))], without the path-length penalty.</param>
/// <param name="DReal">Mean σ(D(x)) on real images.</param>
/// <param name="DFake">Mean σ(D(G(z))) on generated images in D's step.</param>
/// <param name="R1">E‖∇D(x)‖² when this step ran the lazy R1 update, else null.</param>
/// <param name="PathLength">Mean ‖J_wᵀ y‖ when this step ran the lazy path-length update, else null.</param>
/// <param name="PathLengthPenalty">(‖J_wᵀ y‖ − a)² averaged, with that update, else null.</param>
/// <param name="AugmentProbability">ADA's p during the step, null without ADA.</param>
/// <param name="RealSign">Mean sign(D(x)) of the step's real images (the ADA heuristic's r_t on one batch).</param>
/// <param name="Images">Real images the step consumed.</param>
public readonly record struct StyleGanStepReport(
    double DiscriminatorLoss, double GeneratorLoss, double DReal, double DFake, double? R1, double? PathLength, double? PathLengthPenalty,
    double? AugmentProbability, double RealSign, int Images) : IStepReport
{
    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown => AugmentProbability is { } p
        ? [("D loss", DiscriminatorLoss), ("G loss", GeneratorLoss), ("D(x)", DReal), ("D(G(z))", DFake), ("p", p)]
        : [("D loss", DiscriminatorLoss), ("G loss", GeneratorLoss), ("D(x)", DReal), ("D(G(z))", DFake)];
}
