namespace Pipeline.Training.Vae;

/// <summary>
/// One line of a VAE run's metrics.jsonl. Losses are negative ELBO terms in nats per image (β does not enter:
/// these are the true bound whatever the training weight).
/// </summary>
public sealed record VaeEpochMetrics(
    double Epoch,
    long Step,
    double TrainNegElbo,
    double TrainReconstruction,
    double TrainKl,
    double TestNegElbo,
    double TestReconstruction,
    double TestKl,
    double ImagesPerSecond,
    double Seconds,
    double LearningRate) : IStepMetrics;
