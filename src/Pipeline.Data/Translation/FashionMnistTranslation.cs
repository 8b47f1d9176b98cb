namespace Pipeline.Data.Translation;

/// <summary>
/// Translation data sets built from Fashion-MNIST, so that every recipe has a default that needs no download:
/// edges → item (paired, the small-scale analogue of pix2pix's sketches → handbags), sneaker ↔ ankle boot (unpaired,
/// like CycleGAN's horse ↔ zebra: no pairs exist) and 2x/4x super-resolution (paired, 14 → 28 or 7 → 28).
/// </summary>
public static class FashionMnistTranslation
{
    /// <summary>Fashion-MNIST's label of "Sneaker".</summary>
    public const int Sneaker = 7;

    /// <summary>Fashion-MNIST's label of "Ankle boot".</summary>
    public const int AnkleBoot = 9;

    /// <summary>
    /// Edge maps (A) paired with their items (B). Edges are the Sobel gradient magnitude, divided by the image's
    /// largest magnitude and thresholded at <paramref name="threshold"/>, giving white strokes on black like a sketch.
    /// Images are zero-padded (Fashion-MNIST's background is black) to <paramref name="size"/> x <paramref name="size"/>,
    /// 32 by default so that a U-Net can halve them five times.
    /// </summary>
    /// <param name="split">Train or test.</param>
    /// <param name="directory">The IDX folder; Debian's install folder when null.</param>
    /// <param name="size">The padded size, at least 28.</param>
    /// <param name="threshold">Relative edge strength in (0, 1) that counts as an edge.</param>
    public static TranslationImages EdgesToItem(DataSplit split, string? directory = null, int size = 32, float threshold = 0.2f)
    {
        if (size < 28)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Expected a padded size of at least 28 (Fashion-MNIST's size).");
        }

        var items = Pad(FashionMnist.Load(split, directory), size);
        var edges = new float[items.Pixels.Length];
        for (var i = 0; i < items.Count; i++)
        {
            Edges(items.Image(i), size, size, threshold, edges.AsSpan(i * items.PixelsPerImage, items.PixelsPerImage));
        }

        var source = $"Fashion-MNIST {split}";
        return new TranslationImages(
            TranslationImages.Unlabelled(edges, items.Count, 1, size, size, source + " edges"),
            TranslationImages.Unlabelled(items.Pixels, items.Count, 1, size, size, source + " items"),
            IsPaired: true);
    }

    /// <summary>Sneakers (A) and ankle boots (B) of one split, 6,000 and 6,000 in train, unpaired.</summary>
    public static TranslationImages SneakerToAnkleBoot(DataSplit split, string? directory = null)
    {
        var all = FashionMnist.Load(split, directory);
        return new TranslationImages(OfClass(all, Sneaker), OfClass(all, AnkleBoot), IsPaired: false);
    }

    /// <summary>
    /// Low-resolution images (A, 28/<paramref name="factor"/> square, each pixel the mean of a factor x factor block:
    /// area downsampling, which aliases least) paired with the 28 x 28 originals (B).
    /// </summary>
    /// <param name="split">Train or test.</param>
    /// <param name="factor">2 (14 → 28) or 4 (7 → 28).</param>
    /// <param name="directory">The IDX folder; Debian's install folder when null.</param>
    public static TranslationImages SuperResolution(DataSplit split, int factor = 4, string? directory = null)
    {
        if (factor is not (2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Expected a super-resolution factor of 2 (14 → 28) or 4 (7 → 28).");
        }

        var high = FashionMnist.Load(split, directory);
        var source = $"Fashion-MNIST {split}";
        return new TranslationImages(
            AreaDownsampling.Downsample(high, factor, $"{source} at {high.Height / factor}x{high.Width / factor}"),
            TranslationImages.Unlabelled(high.Pixels, high.Count, 1, high.Height, high.Width, source),
            IsPaired: true);
    }

    /// <summary>Sobel edge map of one grey image (Sobel and Feldman 1968), thresholded relative to its strongest edge.</summary>
    public static void Edges(ReadOnlySpan<float> image, int height, int width, float threshold, Span<float> target)
    {
        var magnitude = new float[height * width];
        var strongest = 0f;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var gx = At(image, y - 1, x + 1) + (2 * At(image, y, x + 1)) + At(image, y + 1, x + 1)
                    - At(image, y - 1, x - 1) - (2 * At(image, y, x - 1)) - At(image, y + 1, x - 1);
                var gy = At(image, y + 1, x - 1) + (2 * At(image, y + 1, x)) + At(image, y + 1, x + 1)
                    - At(image, y - 1, x - 1) - (2 * At(image, y - 1, x)) - At(image, y - 1, x + 1);
                magnitude[(y * width) + x] = MathF.Sqrt((gx * gx) + (gy * gy));
                strongest = Math.Max(strongest, magnitude[(y * width) + x]);
            }
        }

        for (var p = 0; p < magnitude.Length; p++)
        {
            target[p] = strongest > 0 && magnitude[p] / strongest > threshold ? 1f : 0f;
        }

        // Borders repeat the edge pixel, so the frame of the image is not mistaken for an edge.
        float At(ReadOnlySpan<float> pixels, int y, int x) => pixels[(Math.Clamp(y, 0, height - 1) * width) + Math.Clamp(x, 0, width - 1)];
    }

    /// <summary>The images of one class of <paramref name="all"/>, in order, unlabelled.</summary>
    public static ImageDataset OfClass(ImageDataset all, int label)
    {
        var indices = Enumerable.Range(0, all.Count).Where(i => all.Labels[i] == label).ToArray();
        var pixels = new float[indices.Length * all.PixelsPerImage];
        for (var i = 0; i < indices.Length; i++)
        {
            all.Image(indices[i]).CopyTo(pixels.AsSpan(i * all.PixelsPerImage));
        }

        return TranslationImages.Unlabelled(pixels, indices.Length, all.Channels, all.Height, all.Width, $"{all.Source} ({all.ClassNames[label]})");
    }

    private static ImageDataset Pad(ImageDataset images, int size)
    {
        if (size == images.Height && size == images.Width)
        {
            return images;
        }

        var (top, left) = ((size - images.Height) / 2, (size - images.Width) / 2);
        var pixels = new float[images.Count * size * size];
        for (var i = 0; i < images.Count; i++)
        {
            var image = images.Image(i);
            for (var y = 0; y < images.Height; y++)
            {
                image.Slice(y * images.Width, images.Width).CopyTo(pixels.AsSpan((i * size * size) + ((top + y) * size) + left));
            }
        }

        return new ImageDataset(pixels, images.Labels, 1, size, size, images.ClassCount, images.Source, images.ClassNames);
    }
}
