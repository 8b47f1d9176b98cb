using Pipeline.Training.Loop;

namespace Pipeline.Training.PixelCnn;

/// <summary>
/// One PixelCNN step: the batch's mean −log p per position in nats (the loss) and its size; <paramref name="Position"/>
/// names what a position is ("dim" for pixels, "code" for a prior over code grids) in the progress line.
/// </summary>
public readonly record struct PixelCnnStepReport(double NatsPerPosition, int Images, string Position = PixelCnnStepReport.Pixel) : IStepReport
{
    /// <summary>A position of a PixelCNN over pixels: a dimension of the image.</summary>
    public const string Pixel = "dim";

    /// <summary>A position of a prior over code grids: one code.</summary>
    public const string Code = "code";

    /// <summary>The loss in bits per dimension.</summary>
    public double BitsPerDimension => NatsPerPosition / Math.Log(2);

    /// <inheritdoc />
    public IReadOnlyList<(string Name, double Value)> Shown => [($"bits/{Position}", BitsPerDimension)];
}
