using System.Globalization;

namespace Pipeline.Application.PixelCnn;

/// <summary>What <see cref="PixelCnnOperations.Evaluate"/> writes to a PixelCNN run's evaluation.json.</summary>
/// <param name="Step">Steps behind the evaluated weights.</param>
/// <param name="Images">Test images evaluated.</param>
/// <param name="NatsPerImage">Mean −log p(x), nats per image.</param>
/// <param name="BitsPerDimension">NatsPerImage / (H·W·C·ln 2).</param>
/// <param name="Seconds">Evaluation time.</param>
public sealed record PixelCnnRunEvaluation(long Step, int Images, double NatsPerImage, double BitsPerDimension, double Seconds)
{
    /// <summary>The figures as named rows, for whoever shows them.</summary>
    public IReadOnlyList<(string Name, string Value)> Rows =>
    [
        ("test -log p(x), nats per image", NatsPerImage.ToString("F2", CultureInfo.InvariantCulture)),
        ("test -log p(x), bits per dimension", BitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)),
        ("evaluation time", $"{Seconds:F1} s"),
    ];
}
