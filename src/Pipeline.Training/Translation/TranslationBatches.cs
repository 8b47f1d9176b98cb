using Pipeline.Data.Translation;
using Pipeline.Models.Gans;
using Pipeline.Training.Batching;
using static TorchSharp.torch;

namespace Pipeline.Training.Translation;

/// <summary>
/// Batch n of a run as a pure function of (seed, n): paired data takes the same indices from both domains,
/// unpaired data walks each domain in its own shuffled order. Images come out in [−1, 1], the generators' range.
/// </summary>
public sealed class TranslationBatches
{
    private readonly TranslationImages _images;
    private readonly MiniBatchLoader _a;
    private readonly MiniBatchLoader _b;

    /// <summary>Batches of <paramref name="batchSize"/> from <paramref name="images"/> on <paramref name="device"/>.</summary>
    public TranslationBatches(TranslationImages images, int batchSize, int seed, Device device)
    {
        _images = images.Validate();
        _a = new MiniBatchLoader(images.A, Math.Min(batchSize, images.A.Count), seed, device);
        _b = new MiniBatchLoader(images.B, Math.Min(batchSize, images.B.Count), unchecked(seed + 1), device);
    }

    /// <summary>Batch <paramref name="n"/> of the run: (A, B), each (B, C, H, W) in [−1, 1], in the current dispose scope.</summary>
    public (Tensor A, Tensor B) Batch(long n)
    {
        var indicesA = Indices(_a, n);
        var indicesB = _images.IsPaired ? indicesA : Indices(_b, n);
        return (DcganGenerator.FromUnitRange(_a.Gather(indicesA).Images), DcganGenerator.FromUnitRange(_b.Gather(indicesB).Images));
    }

    private static int[] Indices(MiniBatchLoader loader, long n)
    {
        var order = loader.Order((int)(n / loader.BatchesPerEpoch));
        var start = (int)(n % loader.BatchesPerEpoch) * loader.BatchSize;
        return order.AsSpan(start, Math.Min(loader.BatchSize, order.Length - start)).ToArray();
    }
}
