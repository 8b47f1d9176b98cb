using System.Diagnostics;
using Pipeline.Models.Runtime;

namespace Pipeline.Training.Batching;

/// <summary>
/// Shuffled mini-batches of an <see cref="ImageDataset"/> as tensors on a device. Each epoch's order is a pure
/// function of (seed, epoch), so a resumed run sees exactly the batches the interrupted one would have.
/// </summary>
public sealed class MiniBatchLoader
{
    private readonly ImageDataset _data;
    private readonly Device _device;
    private readonly BatchOrder _order;
    private long _waitTicks;

    public MiniBatchLoader(ImageDataset data, int batchSize, int seed, Device device, bool shuffle = true)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException($"Data set '{data.Source}' has no images.", nameof(data));
        }

        _data = data;
        _order = new BatchOrder(data.Count, batchSize, seed, shuffle);
        _device = device;
    }

    /// <summary>Seconds spent in <see cref="Gather"/> so far: the time steps wait for their batches.</summary>
    public double WaitSeconds => Stopwatch.GetElapsedTime(0, _waitTicks).TotalSeconds;

    /// <summary>Images per batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize => _order.BatchSize;

    /// <summary>Batches in one pass over the data, the last one partial if needed.</summary>
    public int BatchesPerEpoch => _order.BatchesPerEpoch;

    /// <summary>The order in which <paramref name="epoch"/> visits the images.</summary>
    public int[] Order(int epoch) => _order.Order(epoch);

    /// <summary>
    /// The image indices of each batch of <paramref name="epoch"/> from batch <paramref name="firstBatch"/> on.
    /// Indices rather than tensors, so that the caller turns them into tensors with <see cref="Gather"/> inside the
    /// dispose scope of its step.
    /// </summary>
    public IEnumerable<int[]> Epoch(int epoch, int firstBatch = 0) => _order.Epoch(epoch, firstBatch);

    /// <summary>The first <paramref name="count"/> images of <paramref name="data"/> in order, as one batch (B, C, H, W) in [0, 1].</summary>
    public static Tensor First(ImageDataset data, int count, Device device)
    {
        if (count < 1 || count > data.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{data.Source} has {data.Count} images; asked for the first {count}.");
        }

        var loader = new MiniBatchLoader(data, count, seed: 0, device, shuffle: false);
        return loader.Gather(Enumerable.Range(0, count).ToArray()).Images;
    }

    /// <summary>
    /// The image indices of batch <paramref name="n"/> counted over the whole run (epoch n / BatchesPerEpoch), for
    /// trainers that address batches by step (see <see cref="BatchOrder.Batch"/>).
    /// </summary>
    public int[] Batch(long n) => _order.Batch(n);

    /// <summary>
    /// The images at <paramref name="indices"/>, in that order, as one batch in the current dispose scope:
    /// images (B, C, H, W) float32 in [0, 1], labels (B) int64.
    /// </summary>
    public (Tensor Images, Tensor Labels) Gather(IReadOnlyList<int> indices)
    {
        // Every loop over a dataset gathers between its libtorch calls.
        CollectionSafePoints.Reached();
        var started = Stopwatch.GetTimestamp();
        var pixels = _data.PixelsPerImage;
        var buffer = new float[indices.Count * pixels];
        var labels = new long[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            _data.Image(indices[i]).CopyTo(buffer.AsSpan(i * pixels, pixels));
            labels[i] = _data.Labels[indices[i]];
        }

        var images = tensor(buffer, new long[] { indices.Count, _data.Channels, _data.Height, _data.Width });
        var labelTensor = tensor(labels);
        var batch = _device.type == DeviceType.CPU
            ? (images, labelTensor)
            : (images.to(_device), labelTensor.to(_device));
        _waitTicks += Stopwatch.GetTimestamp() - started;
        return batch;
    }
}
