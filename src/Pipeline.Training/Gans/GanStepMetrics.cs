namespace Pipeline.Training.Gans;

/// <summary>One line of a GAN run's metrics.jsonl: means over the steps since the previous line.</summary>
/// <param name="Step">Generator steps completed.</param>
/// <param name="Epoch">Passes over the training data (fractional), counting discriminator batches.</param>
/// <param name="DiscriminatorLoss">D's loss, including λ·GP for WGAN-GP.</param>
/// <param name="GeneratorLoss">G's loss.</param>
/// <param name="DReal">D(x): mean σ(logit) for probabilistic objectives and hinge, raw output otherwise.</param>
/// <param name="DFake">D(G(z)), shown like <paramref name="DReal"/>.</param>
/// <param name="GradientPenalty">The unweighted gradient penalty (WGAN-GP only, else 0).</param>
/// <param name="ImagesPerSecond">Real images through D per second of training.</param>
/// <param name="Seconds">Wall time of these steps.</param>
public sealed record GanStepMetrics(
    long Step,
    double Epoch,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double DReal,
    double DFake,
    double GradientPenalty,
    double ImagesPerSecond,
    double Seconds) : IStepMetrics;
