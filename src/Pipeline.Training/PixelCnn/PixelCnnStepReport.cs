using Pipeline.Training.Loop;

namespace Pipeline.Training.PixelCnn;

/// <summary>One PixelCNN step: the batch's mean −log p per position in nats (the loss) and its size.</summary>
public readonly record struct PixelCnnStepReport(double NatsPerPosition, int Images) : IStepReport
{
    /// <summary>The loss in bits per dimension.</summary>
    public double BitsPerDimension => NatsPerPosition / Math.Log(2);

    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown => [("bits/dim", BitsPerDimension)];
}
