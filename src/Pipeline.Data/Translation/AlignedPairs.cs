using SkiaSharp;

namespace Pipeline.Data.Translation;

/// <summary>
/// The paired layouts of pix2pix (Isola et al. 2017): one folder of images that each hold A and B side by side
/// (A on the left, as the reference code's <c>AlignedDataset</c> reads them), or two folders whose files are matched
/// by name.
/// </summary>
/// <example>
/// <code>
/// TranslationImages facades = AlignedPairs.LoadSideBySide("data/facades/train", new(64, 64, 3));
/// TranslationImages sketches = AlignedPairs.LoadMatched("data/sketch", "data/photo", new(64, 64, 1));
/// </code>
/// </example>
public static class AlignedPairs
{
    /// <summary>Loads images of width 2w holding A in the left half and B in the right half.</summary>
    /// <exception cref="InvalidDataException">A file is not an image, has an odd width, or the folder is empty.</exception>
    public static TranslationImages LoadSideBySide(string folder, TranslationImageOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options.Validate();
        var files = TranslationImageFiles.List(folder);
        var (a, b, size) = Allocate(files.Length, options);
        for (var i = 0; i < files.Length; i++)
        {
            using var bitmap = TranslationImageFiles.Decode(files[i]);
            if (bitmap.Width % 2 != 0)
            {
                throw new InvalidDataException(
                    $"{files[i]}: width {bitmap.Width} is odd; an A|B image holds two halves of equal width, so its width must be even.");
            }

            var half = bitmap.Width / 2;
            TranslationImageFiles.Write(bitmap, new SKRectI(0, 0, half, bitmap.Height), options, files[i], a.AsSpan(i * size, size));
            TranslationImageFiles.Write(bitmap, new SKRectI(half, 0, bitmap.Width, bitmap.Height), options, files[i], b.AsSpan(i * size, size));
        }

        return Wrap(a, b, files.Length, options, folder + " (left half)", folder + " (right half)");
    }

    /// <summary>Loads pairs of files with the same name from two folders; both halves of a pair must be the same size.</summary>
    /// <exception cref="InvalidDataException">
    /// A file has no partner of the same name, the partners differ in size, a file is not an image, or a folder is empty.
    /// </exception>
    public static TranslationImages LoadMatched(string folderA, string folderB, TranslationImageOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(folderA);
        ArgumentException.ThrowIfNullOrEmpty(folderB);
        options.Validate();
        var filesA = TranslationImageFiles.List(folderA);
        var byName = TranslationImageFiles.List(folderB).ToDictionary(f => Path.GetFileName(f), StringComparer.Ordinal);
        foreach (var fileB in byName.Values)
        {
            if (!File.Exists(Path.Combine(folderA, Path.GetFileName(fileB))))
            {
                throw new InvalidDataException($"{fileB}: no file of the same name in {folderA}; paired folders must hold the same file names.");
            }
        }

        var (a, b, size) = Allocate(filesA.Length, options);
        for (var i = 0; i < filesA.Length; i++)
        {
            var fileB = byName.GetValueOrDefault(Path.GetFileName(filesA[i]))
                ?? throw new InvalidDataException($"{filesA[i]}: no file of the same name in {folderB}; paired folders must hold the same file names.");
            using var bitmapA = TranslationImageFiles.Decode(filesA[i]);
            using var bitmapB = TranslationImageFiles.Decode(fileB);
            if (bitmapA.Width != bitmapB.Width || bitmapA.Height != bitmapB.Height)
            {
                throw new InvalidDataException(
                    $"{fileB}: {bitmapB.Width}x{bitmapB.Height}, but its partner {filesA[i]} is {bitmapA.Width}x{bitmapA.Height}; the halves of a pair must be the same size.");
            }

            TranslationImageFiles.Write(bitmapA, new SKRectI(0, 0, bitmapA.Width, bitmapA.Height), options, filesA[i], a.AsSpan(i * size, size));
            TranslationImageFiles.Write(bitmapB, new SKRectI(0, 0, bitmapB.Width, bitmapB.Height), options, fileB, b.AsSpan(i * size, size));
        }

        return Wrap(a, b, filesA.Length, options, folderA, folderB);
    }

    private static (float[] A, float[] B, int Size) Allocate(int count, TranslationImageOptions options)
    {
        var size = options.Channels * options.Height * options.Width;
        return (new float[count * size], new float[count * size], size);
    }

    private static TranslationImages Wrap(float[] a, float[] b, int count, TranslationImageOptions o, string sourceA, string sourceB) =>
        new(TranslationImages.Unlabelled(a, count, o.Channels, o.Height, o.Width, sourceA),
            TranslationImages.Unlabelled(b, count, o.Channels, o.Height, o.Width, sourceB),
            IsPaired: true);
}
