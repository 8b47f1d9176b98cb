using Pipeline.Training.Batching;

namespace Pipeline.Training.PixelCnn;

/// <summary>The exact held-out likelihood of a PixelCNN.</summary>
/// <param name="Grids">Grids (images) evaluated: the whole set.</param>
/// <param name="NatsPerGrid">Mean −log p(x) per grid, nats.</param>
/// <param name="BitsPerDimension">Mean −log₂ p(x) per position (per pixel and channel): NatsPerGrid / (H·W·C·ln 2).</param>
public sealed record PixelCnnEvaluation(int Grids, double NatsPerGrid, double BitsPerDimension);

/// <summary>Sums −log p(x) exactly over a data set (no sampling, no bound: the PixelCNN's likelihood is tractable).</summary>
public static class PixelCnnEvaluator
{
    /// <summary>
    /// Over batches of (grid (B, H, W) int64, labels (B) or null, condition grid or null); the sum is kept in double
    /// so that 10,000 images × 784 positions lose nothing to float rounding.
    /// </summary>
    public static PixelCnnEvaluation Evaluate(Models.PixelCnn.PixelCnn net, IEnumerable<Func<(Tensor Grid, Tensor? Labels, Tensor? Condition)>> batches)
    {
        using var mode = new EvaluationMode(net);
        double total = 0;
        var count = 0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var (grid, labels, condition) = batch();
            var nats = PixelCnnLikelihood.NatsPerGrid(net.call(grid, labels, condition), grid);
            total += nats.sum().item<double>();
            count += (int)grid.shape[0];
        }

        if (count == 0)
        {
            throw new ArgumentException("Evaluation needs at least one grid.", nameof(batches));
        }

        var natsPerGrid = total / count;
        return new PixelCnnEvaluation(count, natsPerGrid, PixelCnnLikelihood.BitsPerDimension(natsPerGrid, net.Options.Positions));
    }

    /// <summary>Test −log p(x) of a PixelCNN over pixels on every image of <paramref name="data"/> (labels given when the model is class-conditional).</summary>
    public static PixelCnnEvaluation Evaluate(Models.PixelCnn.PixelCnn net, ImageDataset data, Device device, int batchSize = 100) =>
        Evaluate(net, new PixelGrids(data, net.Options, device), batchSize);

    /// <summary>Exact −log p over every grid of <paramref name="data"/> (pixels or codes), in batches of <paramref name="batchSize"/>.</summary>
    public static PixelCnnEvaluation Evaluate(Models.PixelCnn.PixelCnn net, IPixelCnnGrids data, int batchSize = 100) =>
        Evaluate(net, new BatchOrder(data.Count, batchSize, 0, shuffle: false).Epoch(0)
            .Select(indices => new Func<(Tensor, Tensor?, Tensor?)>(() => data.Gather(indices))));
}
