using SkiaSharp;

namespace Pipeline.Data.Translation;

/// <summary>
/// Super-resolution pairs from a folder of high-resolution PNG/JPEG images: <c>train/</c> and <c>test/</c> (or
/// <c>val/</c>) under the root, or the root itself holding every image, of which every tenth (in name order) is held
/// out for testing. The low-resolution input of each pair is made by <see cref="AreaDownsampling"/>, as for
/// Fashion-MNIST's default pairs.
/// </summary>
/// <example>
/// <code>
/// var size = SuperResolutionFolders.NativeSize("data/faces", factor: 4);                   // e.g. 64, from the first file
/// var train = SuperResolutionFolders.Load("data/faces", DataSplit.Train, 4, new(size, size, 3), requireSize: true);
/// </code>
/// </example>
public static class SuperResolutionFolders
{
    /// <summary>
    /// The side of the first training image, for training at the files' own size: it must be square and a multiple
    /// of <paramref name="factor"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not square, not divisible by the factor, not an image, or there is none.</exception>
    public static int NativeSize(string root, int factor)
    {
        var file = Files(root, DataSplit.Train)[0];
        using var codec = SKCodec.Create(file) ?? throw new InvalidDataException($"{file}: could not decode the file as an image (expected PNG or JPEG).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width != height)
        {
            throw new InvalidDataException($"{file}: {width}x{height} is not square; give --image-size N to resize every image to N x N.");
        }

        RequireDivisible(file, width, height, factor);
        return width;
    }

    /// <summary>
    /// Loads one split: A the downsampled images, B the images at <paramref name="options"/>' size. With
    /// <paramref name="requireSize"/> every file must already have that size (training at the files' own size);
    /// otherwise each is resized to it.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A folder is empty or holds a file that is not an image, a file has another size than required or one not
    /// divisible by the factor, or a single folder has fewer than 10 images to hold out a test set from.
    /// </exception>
    public static TranslationImages Load(string root, DataSplit split, int factor, TranslationImageOptions options, bool requireSize)
    {
        options.Validate();
        RequireDivisible($"{root}: the target size", options.Width, options.Height, factor);
        var files = Files(root, split);
        var size = options.Channels * options.Height * options.Width;
        var high = new float[files.Length * size];
        for (var i = 0; i < files.Length; i++)
        {
            using var bitmap = TranslationImageFiles.Decode(files[i]);
            if (requireSize && (bitmap.Width != options.Width || bitmap.Height != options.Height))
            {
                RequireDivisible(files[i], bitmap.Width, bitmap.Height, factor);
                throw new InvalidDataException(
                    $"{files[i]}: {bitmap.Width}x{bitmap.Height}, but the images are {options.Width}x{options.Height} (the first training image's size); " +
                    "give --image-size N to resize every image to N x N.");
            }

            TranslationImageFiles.Write(bitmap, new SKRectI(0, 0, bitmap.Width, bitmap.Height), options, files[i], high.AsSpan(i * size, size));
        }

        var source = $"{root} ({split.ToString().ToLowerInvariant()})";
        var b = TranslationImages.Unlabelled(high, files.Length, options.Channels, options.Height, options.Width, source);
        return new TranslationImages(AreaDownsampling.Downsample(b, factor, $"{source} at {options.Width / factor}x{options.Height / factor}"), b, IsPaired: true);
    }

    // train/ + test/ (or val/), else the root alone with every tenth file held out.
    private static string[] Files(string root, DataSplit split)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: data folder not found; expected PNG/JPEG images, or train/ and test/ (or val/) folders of them.");
        }

        var train = Path.Combine(root, "train");
        if (Directory.Exists(train))
        {
            if (split == DataSplit.Train)
            {
                return TranslationImageFiles.List(train);
            }

            var test = new[] { "test", "val" }.Select(n => Path.Combine(root, n)).FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"{Path.Combine(root, "test")}: missing test/ or val/ beside {train}; give both, or put every image in one folder.");
            return TranslationImageFiles.List(test);
        }

        var all = TranslationImageFiles.List(root);
        if (all.Length < 10)
        {
            throw new InvalidDataException($"{root}: {all.Length} images are too few to hold out every tenth for testing (need at least 10), and there is no train/ and test/.");
        }

        return all.Where((_, i) => (i % 10 == 9) == (split == DataSplit.Test)).ToArray();
    }

    private static void RequireDivisible(string what, int width, int height, int factor)
    {
        if (width % factor != 0 || height % factor != 0)
        {
            throw new InvalidDataException($"{what}: {width}x{height} is not divisible by the super-resolution factor {factor}; crop the images, or give --image-size a multiple of {factor}.");
        }
    }
}
