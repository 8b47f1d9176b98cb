namespace Pipeline.Training.Batching;

/// <summary>
/// Which items each mini-batch holds, for any data set of <c>count</c> items: each epoch's order is a pure function of
/// (seed, epoch), so a resumed run sees exactly the batches the interrupted one would have. <see cref="MiniBatchLoader"/>
/// uses it for images; recipes over other items (code grids) use it directly.
/// </summary>
public sealed class BatchOrder
{
    private readonly int _count;
    private readonly int _seed;
    private readonly bool _shuffle;
    private (int Epoch, int[] Order) _cached = (-1, []);

    public BatchOrder(int count, int batchSize, int seed, bool shuffle = true)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A data set to batch needs at least one item.");
        }

        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        }

        _count = count;
        BatchSize = batchSize;
        _seed = seed;
        _shuffle = shuffle;
    }

    /// <summary>Items per batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; }

    /// <summary>Batches in one pass over the data, the last one partial if needed.</summary>
    public int BatchesPerEpoch => (_count + BatchSize - 1) / BatchSize;

    /// <summary>The order in which <paramref name="epoch"/> visits the items.</summary>
    public int[] Order(int epoch)
    {
        var order = Enumerable.Range(0, _count).ToArray();
        if (_shuffle)
        {
            // Seeded System.Random is stable across .NET versions and platforms.
            new Random(unchecked((_seed * 1_000_003) + epoch)).Shuffle(order);
        }

        return order;
    }

    /// <summary>The item indices of each batch of <paramref name="epoch"/> from batch <paramref name="firstBatch"/> on.</summary>
    public IEnumerable<int[]> Epoch(int epoch, int firstBatch = 0)
    {
        var order = Order(epoch);
        for (var b = firstBatch; b < BatchesPerEpoch; b++)
        {
            var start = b * BatchSize;
            yield return order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
        }
    }

    /// <summary>
    /// The item indices of batch <paramref name="n"/> counted over the whole run (epoch n / BatchesPerEpoch). The
    /// current epoch's order is kept, so consecutive calls shuffle once per epoch.
    /// </summary>
    public int[] Batch(long n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Batch numbers start at 0.");
        }

        var epoch = (int)(n / BatchesPerEpoch);
        if (_cached.Epoch != epoch)
        {
            _cached = (epoch, Order(epoch));
        }

        var start = (int)(n % BatchesPerEpoch) * BatchSize;
        return _cached.Order.AsSpan(start, Math.Min(BatchSize, _cached.Order.Length - start)).ToArray();
    }
}
