namespace Pipeline.Training.StyleGan;

/// <summary>One line of a StyleGAN2 run's metrics.jsonl: means over the steps since the previous line.</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="Epoch">Passes over the training data (fractional).</param>
/// <param name="DiscriminatorLoss">D's logistic loss.</param>
/// <param name="GeneratorLoss">G's non-saturating loss.</param>
/// <param name="DReal">Mean σ(D(x)).</param>
/// <param name="DFake">Mean σ(D(G(z))).</param>
/// <param name="R1">Mean E‖∇D(x)‖² over the window's R1 steps (null when none fell in it).</param>
/// <param name="PathLength">Mean path length over the window's path-length steps (null when none).</param>
/// <param name="PathLengthPenalty">Mean path-length penalty over those steps (null when none).</param>
/// <param name="AugmentProbability">ADA's p at the end of the window (null without ADA).</param>
/// <param name="RealSign">r_t = mean sign(D(x)) over the window.</param>
/// <param name="ImagesPerSecond">Real images per second of training.</param>
/// <param name="Seconds">Wall time of these steps.</param>
public sealed record StyleGanStepMetrics(
    long Step,
    double Epoch,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double DReal,
    double DFake,
    double? R1,
    double? PathLength,
    double? PathLengthPenalty,
    double? AugmentProbability,
    double RealSign,
    double ImagesPerSecond,
    double Seconds) : IStepMetrics;
