using Pipeline.Training.Gans;

namespace Pipeline.Training.ProGan;

/// <summary>One line of a Progressive GAN run's metrics.jsonl: means over the steps since the previous line, and the stage at its last step.</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="Epoch">Passes over the training data (fractional).</param>
/// <param name="DiscriminatorLoss">D's loss with λ·GP and the drift term.</param>
/// <param name="GeneratorLoss">G's loss.</param>
/// <param name="DReal">Critic score of real images.</param>
/// <param name="DFake">Critic score of generated images.</param>
/// <param name="GradientPenalty">The unweighted gradient penalty.</param>
/// <param name="Size">Image size at the last step.</param>
/// <param name="Alpha">Fade-in α at the last step.</param>
/// <param name="ImagesPerSecond">Real images through D per second of training.</param>
/// <param name="Seconds">Wall time of these steps.</param>
public sealed record ProGanStepMetrics(
    long Step,
    double Epoch,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double DReal,
    double DFake,
    double GradientPenalty,
    int Size,
    double Alpha,
    double ImagesPerSecond,
    double Seconds) : IStepMetrics
{
    /// <summary>The same figures as a GAN metrics line, for the GAN family's loss plot.</summary>
    public GanStepMetrics AsGan() => new(Step, Epoch, DiscriminatorLoss, GeneratorLoss, DReal, DFake, GradientPenalty, ImagesPerSecond, Seconds);
}
