using Pipeline.Models.PixelCnn;

namespace Pipeline.Training.PixelCnn;

/// <summary>
/// The PixelCNN's exact likelihood: −log p(x) = −Σᵢ log softmax(logitsᵢ)[xᵢ] (van den Oord et al. 2016a, eq. 1), in
/// nats per image, and its conversion to bits per dimension, nats / (D · ln 2) with D = H·W·C, the figure papers report.
/// </summary>
public static class PixelCnnLikelihood
{
    /// <summary>
    /// Grey images (B, 1, H, W) in [0, 1] → their levels (B, H, W) int64 in [0, K): round(x·(K − 1)), which undoes the
    /// /255 of 8-bit data exactly for K = 256.
    /// </summary>
    public static Tensor ToLevels(Tensor images, int levels)
    {
        if (images.dim() != 4 || images.shape[1] != 1)
        {
            throw new ArgumentException($"A PixelCNN over pixels models grey images (batch, 1, H, W); got [{string.Join(", ", images.shape)}].", nameof(images));
        }

        using var scope = NewDisposeScope();
        return (images[.., 0] * (levels - 1)).round().clamp(0, levels - 1).to_type(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    /// <summary>Levels (B, H, W) in [0, K) → grey images (B, 1, H, W) in [0, 1].</summary>
    public static Tensor ToImages(Tensor levels, int levelCount)
    {
        using var scope = NewDisposeScope();
        return (levels.to_type(ScalarType.Float32) / (levelCount - 1)).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>−log p(grid) per grid in nats: logits (B, K, H, W), targets (B, H, W) int64 → (B) float64 (the sum over positions in double).</summary>
    public static Tensor NatsPerGrid(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var perPosition = nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None); // (B, H, W)
        return perPosition.to_type(ScalarType.Float64).sum([1, 2]).MoveToOuterDisposeScope();
    }

    /// <summary>The mean over the batch of −log p per position in nats: the training loss (its scale does not grow with the grid).</summary>
    public static Tensor MeanNatsPerPosition(Tensor logits, Tensor targets) => nn.functional.cross_entropy(logits, targets);

    /// <summary>Nats per grid → bits per dimension: nats / (positions · ln 2).</summary>
    public static double BitsPerDimension(double natsPerGrid, int positions) => natsPerGrid / (positions * Math.Log(2));

    /// <summary>The grid of a pixel model's batch: its images' levels (the model's options say how many).</summary>
    public static Tensor Grid(PixelCnnOptions options, Tensor images) => ToLevels(images, options.Levels);
}
