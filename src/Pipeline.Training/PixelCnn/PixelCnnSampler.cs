using Pipeline.Models.PixelCnn;
using Pipeline.Models.Runtime;
using Pipeline.Onnx.Sampling;

namespace Pipeline.Training.PixelCnn;

/// <summary>
/// Ancestral sampling from a PixelCNN: positions in raster order, each drawn from p(xᵢ | x_&lt;i) given what was drawn
/// before (van den Oord et al. 2016a, section 2). Each grid has its own random stream, a <see cref="Random"/> seeded
/// by <see cref="SampleStreams.For"/> and read once per position, and each draw is <see cref="CategoricalDraw"/> on the position's logits;
/// so the same seed gives the same grid whatever else is in the batch, and an ONNX Runtime sampler that reads the same
/// stream draws the same levels from the same logits.
/// </summary>
public static class PixelCnnSampler
{
    /// <summary>
    /// Draws one grid per seed → (N, H, W) int64 on the network's device. <paramref name="labels"/> (N) and
    /// <paramref name="condition"/> (N, Hc, Wc) as the network requires. Cached (<see cref="PixelCnnCache"/>): each row's
    /// vertical stacks once, from the rows above kept as state, then each position's horizontal stacks and head only.
    /// </summary>
    public static Tensor Sample(Models.PixelCnn.PixelCnn net, IReadOnlyList<long> seeds, Tensor? labels, Tensor? condition, CategoricalSampling sampling, Device device) =>
        Sample(net, seeds, labels, condition, sampling, device, cached: true);

    /// <summary>
    /// <see cref="Sample(Models.PixelCnn.PixelCnn, IReadOnlyList{long}, Tensor?, Tensor?, CategoricalSampling, Device)"/>
    /// without the cache: each position runs the whole network on the band of
    /// <see cref="Models.PixelCnn.PixelCnn.ReceptiveFieldRows"/> rows above it, which gives the same logits as the whole grid.
    /// </summary>
    public static Tensor SampleBanded(Models.PixelCnn.PixelCnn net, IReadOnlyList<long> seeds, Tensor? labels, Tensor? condition, CategoricalSampling sampling, Device device) =>
        Sample(net, seeds, labels, condition, sampling, device, cached: false);

    private static Tensor Sample(Models.PixelCnn.PixelCnn net, IReadOnlyList<long> seeds, Tensor? labels, Tensor? condition, CategoricalSampling sampling, Device device, bool cached)
    {
        sampling.Validate();
        var o = net.Options;
        CheckGuidance(o, sampling);
        var count = seeds.Count;
        var streams = seeds.Select(SampleStreams.For).ToArray();
        using var mode = new EvaluationMode(net);
        using var inputs = NewDisposeScope();
        // Guided: the batch runs twice over, its second half with the "no class" label.
        var (runLabels, runCondition) = sampling.IsGuided
            ? (Guided(labels ?? throw new ArgumentException("Guidance needs the class labels to guide towards.", nameof(labels)), o.ClassCount), condition is null ? null : cat([condition, condition]))
            : (labels, condition);
        var rows = sampling.IsGuided ? 2 * count : count;
        var logits = new float[rows * o.Levels];
        var grid = zeros([count, o.Height, o.Width], ScalarType.Int64, device: device).DetachFromDisposeScope();
        using var cache = cached ? new PixelCnnCache(net, rows, runLabels, runCondition) : null;
        try
        {
            for (var i = 0; i < o.Height; i++)
            {
                var first = Math.Max(0, i - net.ReceptiveFieldRows);
                cache?.BeginRow(sampling.IsGuided ? cat([grid, grid]) : grid, i);
                for (var j = 0; j < o.Width; j++)
                {
                    CollectionSafePoints.Reached();
                    using var scope = NewDisposeScope();
                    var band = grid[.., first..(i + 1), ..];
                    var position = cache is not null
                        ? cache.Step(sampling.IsGuided ? cat([grid, grid]) : grid, j)                                                                 // (rows, K)
                        : net.Window(sampling.IsGuided ? cat([band, band]) : band, first, runLabels, runCondition)[.., .., i - first, j];   // (rows, K)
                    position.cpu().contiguous().data<float>().CopyTo(logits);
                    var levels = new long[count];
                    for (var b = 0; b < count; b++)
                    {
                        var drawn = logits.AsSpan(b * o.Levels, o.Levels);
                        if (sampling.IsGuided)
                        {
                            CategoricalDraw.Guide(drawn, logits.AsSpan((count + b) * o.Levels, o.Levels), sampling.Guidance);
                        }

                        levels[b] = CategoricalDraw.Draw(drawn, sampling, streams[b].NextDouble());
                    }

                    grid.index_put_(tensor(levels, device: device), TensorIndex.Colon, TensorIndex.Single(i), TensorIndex.Single(j));
                }
            }

            return grid;
        }
        catch
        {
            grid.Dispose();
            throw;
        }
    }

    // The labels, then as many "no class" labels.
    private static Tensor Guided(Tensor labels, long unconditional) => cat([labels, full(labels.shape, unconditional, ScalarType.Int64, device: labels.device)]);

    /// <summary>Throws <see cref="ArgumentException"/> when guidance is asked of a model that never learned the "no class" label.</summary>
    public static void CheckGuidance(Models.PixelCnn.PixelCnnOptions options, CategoricalSampling sampling)
    {
        if (sampling.IsGuided && !options.UnconditionalLabel)
        {
            throw new ArgumentException(
                $"Guidance {sampling.Guidance} needs a model trained with class dropout (train with --class-dropout 0.1); this {(options.IsClassConditional ? "one has no \"no class\" label" : "one is unconditional")}: use guidance 1.",
                nameof(sampling));
        }
    }

    /// <summary>Labels for <paramref name="count"/> grids: the requested classes repeated, or every class in turn; null for an unconditional model.</summary>
    public static long[]? Labels(Models.PixelCnn.PixelCnn net, int count, IReadOnlyList<int>? requested)
    {
        var classes = net.Options.ClassCount;
        if (classes == 0)
        {
            return requested is { Count: > 0 } ? throw new ArgumentException("This PixelCNN is unconditional: it takes no class labels.", nameof(requested)) : null;
        }

        foreach (var label in requested ?? [])
        {
            if (label < 0 || label >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(requested), label, $"Class labels must be in [0, {classes - 1}].");
            }
        }

        return Enumerable.Range(0, count).Select(i => (long)(requested is { Count: > 0 } ? requested[i % requested.Count] : i % classes)).ToArray();
    }
}
