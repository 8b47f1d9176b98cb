namespace Pipeline.Training.PixelCnn;

/// <summary>
/// One line of a PixelCNN run's metrics.jsonl: the training loss over the steps since the last line and the exact
/// test −log p(x) at its end, both in bits per dimension (nats / (H·W·C·ln 2)), and in nats per image for the test set.
/// </summary>
public sealed record PixelCnnMetrics(
    double Epoch,
    long Step,
    double TrainBitsPerDimension,
    double TestBitsPerDimension,
    double TestNatsPerImage,
    int TestImages,
    double ImagesPerSecond,
    double Seconds) : IStepMetrics;
