using Pipeline.Training.Loop;

namespace Pipeline.Training.ProGan;

/// <summary>One Progressive GAN step: both losses, the critic's scores, the gradient penalty, and the growth stage.</summary>
/// <param name="DiscriminatorLoss">D's loss with λ·GP and the drift term.</param>
/// <param name="GeneratorLoss">G's loss, −E[D(G(z))].</param>
/// <param name="DReal">Mean critic score of the real images.</param>
/// <param name="DFake">Mean critic score of the generated images.</param>
/// <param name="Penalty">The unweighted gradient penalty.</param>
/// <param name="Size">The image size trained at.</param>
/// <param name="Alpha">The fade-in α.</param>
/// <param name="Images">Real images the step consumed.</param>
public readonly record struct ProGanStepReport(
    double DiscriminatorLoss, double GeneratorLoss, double DReal, double DFake, double Penalty, int Size, double Alpha, int Images) : IStepReport
{
    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown =>
    [
        ("D loss", DiscriminatorLoss),
        ("G loss", GeneratorLoss),
        ("D(x) score", DReal),
        ("D(G(z)) score", DFake),
        ("size", Size),
        ("α", Alpha),
    ];
}
