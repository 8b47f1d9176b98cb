using Pipeline.Data.Translation;
using Pipeline.Models.Gans;
using Pipeline.Training.Batching;

namespace Pipeline.Training.Translation;

/// <summary>
/// Batch n of a run as a pure function of (seed, n): paired data takes the same indices from both domains,
/// unpaired data walks each domain in its own shuffled order. With an augmentation, every image gets a random crop
/// and flip drawn from (seed, n), the same one for both images of a pair. Images come out in [−1, 1], the
/// generators' range.
/// </summary>
public sealed class TranslationBatches
{
    private readonly TranslationImages _images;
    private readonly MiniBatchLoader _a;
    private readonly MiniBatchLoader _b;
    private readonly TranslationAugmentation? _augmentation;
    private readonly int _seed;
    private readonly Device _device;

    /// <summary>Batches of <paramref name="batchSize"/> from <paramref name="images"/> on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">An augmentation is given for pairs whose two images differ in size.</exception>
    public TranslationBatches(TranslationImages images, int batchSize, int seed, Device device, TranslationAugmentation? augmentation = null)
    {
        _images = images.Validate();
        if (augmentation is not null && images.IsPaired && (images.A.Height != images.B.Height || images.A.Width != images.B.Width))
        {
            throw new ArgumentException(
                $"{images.A.Source} and {images.B.Source}: pairs of {images.A.Height}x{images.A.Width} and {images.B.Height}x{images.B.Width} images cannot share one crop; expected equal sizes or no augmentation.");
        }

        _a = new MiniBatchLoader(images.A, Math.Min(batchSize, images.A.Count), seed, device);
        _b = new MiniBatchLoader(images.B, Math.Min(batchSize, images.B.Count), unchecked(seed + 1), device);
        _augmentation = augmentation;
        _seed = seed;
        _device = device;
    }

    /// <summary>Batch <paramref name="n"/> of the run: (A, B), each (B, C, H, W) in [−1, 1], in the current dispose scope.</summary>
    public (Tensor A, Tensor B) Batch(long n)
    {
        var indicesA = _a.Batch(n);
        var indicesB = _images.IsPaired ? indicesA : _b.Batch(n);
        if (_augmentation is null)
        {
            return (DcganGenerator.FromUnitRange(_a.Gather(indicesA).Images), DcganGenerator.FromUnitRange(_b.Gather(indicesB).Images));
        }

        var random = new Random(unchecked((int)StepSeeds.For(_seed, n)));
        var placementsA = indicesA.Select(_ => _augmentation.Draw(_images.A.Height, _images.A.Width, random)).ToArray();
        var placementsB = _images.IsPaired ? placementsA : indicesB.Select(_ => _augmentation.Draw(_images.B.Height, _images.B.Width, random)).ToArray();
        return (Augmented(_images.A, indicesA, placementsA), Augmented(_images.B, indicesB, placementsB));
    }

    private Tensor Augmented(ImageDataset data, int[] indices, TranslationAugmentation.Placement[] placements)
    {
        var augmentation = _augmentation!;
        var size = data.Channels * augmentation.CropHeight * augmentation.CropWidth;
        var buffer = new float[indices.Length * size];
        for (var i = 0; i < indices.Length; i++)
        {
            augmentation.Apply(data.Image(indices[i]), data.Channels, data.Height, data.Width, placements[i], buffer.AsSpan(i * size, size));
        }

        var images = tensor(buffer, [indices.Length, data.Channels, augmentation.CropHeight, augmentation.CropWidth]);
        return DcganGenerator.FromUnitRange(images.to(_device));
    }
}
