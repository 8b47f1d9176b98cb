using Pipeline.Training.Loop;

namespace Pipeline.Training.VqVae2;

/// <summary>One step: the objective and its two terms (per element means), on the step's batch.</summary>
public sealed record VqVae2StepReport(double Loss, double Mse, double Commitment, int Images) : IStepReport
{
    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown => [("loss", Loss), ("mse", Mse), ("commit", Commitment)];
}

/// <summary>Codebook statistics of one level over a set of images.</summary>
/// <param name="Used">Codes chosen at least once.</param>
/// <param name="Perplexity">exp(entropy) of the code histogram: the effective number of codes in use (K when uniform, 1 when collapsed).</param>
public sealed record CodebookUsage(int Used, double Perplexity);

/// <summary>
/// One line of a VQ-VAE-2 run's metrics.jsonl: the window's training MSE and commitment loss, and on the test images
/// the reconstruction MSE (reconstructions clipped to [0, 1]), its PSNR = 10·log10(1 / MSE) dB, and each level's usage.
/// </summary>
public sealed record VqVae2Metrics(
    double Epoch,
    long Step,
    double TrainMse,
    double TrainCommitment,
    double TestMse,
    double TestPsnr,
    CodebookUsage Top,
    CodebookUsage Bottom,
    double ImagesPerSecond,
    double Seconds) : IStepMetrics;
