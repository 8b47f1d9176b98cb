using Pipeline.Models.Gans;
using Pipeline.Training.Loop;

namespace Pipeline.Training.Gans;

/// <summary>One GAN step: both losses, D's view of real and generated images, the gradient penalty (WGAN-GP, else 0).</summary>
public readonly record struct GanStepReport(
    double DiscriminatorLoss, double GeneratorLoss, double DReal, double DFake, double Penalty, GanObjective Objective, int Images) : IStepReport
{
    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown =>
    [
        ("D loss", DiscriminatorLoss),
        ("G loss", GeneratorLoss),
        (GanLosses.ShowsProbabilities(Objective) ? "D(x)" : "D(x) score", DReal),
        (GanLosses.ShowsProbabilities(Objective) ? "D(G(z))" : "D(G(z)) score", DFake),
    ];
}
