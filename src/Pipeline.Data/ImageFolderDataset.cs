using SkiaSharp;

namespace Pipeline.Data;

/// <summary>
/// Loads a folder of image files as a labelled data set: one subfolder per class, as torchvision's
/// <c>ImageFolder</c> expects, or a flat folder of images as a single class <c>"0"</c>.
/// </summary>
/// <example>
/// <code>ImageDataset shoes = ImageFolderDataset.Load("data/shoes", height: 64, width: 64, channels: 3);</code>
/// </example>
public static class ImageFolderDataset
{
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    /// <summary>
    /// Decodes every image, resizes it to <paramref name="height"/> x <paramref name="width"/> and converts it to
    /// <paramref name="channels"/> channels. Classes are the subfolders in ordinal name order (labels 0 to K-1);
    /// files within a class are taken in ordinal name order. Loose files beside class subfolders are ignored.
    /// </summary>
    /// <param name="directory">The folder to load.</param>
    /// <param name="height">The target height in pixels.</param>
    /// <param name="width">The target width in pixels.</param>
    /// <param name="channels">1 for luminance (0.299 R + 0.587 G + 0.114 B) or 3 for RGB.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder or a class folder holds no images, or a file cannot be decoded.</exception>
    public static ImageDataset Load(string directory, int height, int width, int channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (channels is not (1 or 3))
        {
            throw new ArgumentException($"Expected 1 or 3 channels, found {channels}.", nameof(channels));
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: image folder not found.");
        }

        (string[] classNames, List<(string File, int Label)> files) = ListFiles(directory);
        int pixelsPerImage = channels * height * width;
        float[] pixels = new float[files.Count * pixelsPerImage];
        int[] labels = new int[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            labels[i] = files[i].Label;
            DecodeInto(files[i].File, height, width, channels, pixels.AsSpan(i * pixelsPerImage, pixelsPerImage));
        }

        return new ImageDataset(pixels, labels, channels, height, width, classNames.Length, directory, classNames);
    }

    /// <summary>The class names a folder's images would get, without reading an image: its subfolders in ordinal order ("0" for a flat folder).</summary>
    public static IReadOnlyList<string> ClassNames(string directory)
    {
        var folders = ClassFolders(directory);
        return folders.Length == 0 ? ["0"] : folders.Select(f => Path.GetFileName(f)).ToArray();
    }

    private static string[] ClassFolders(string directory) => Directory.GetDirectories(directory)
        .Where(d => !Path.GetFileName(d).StartsWith('.'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static (string[] ClassNames, List<(string File, int Label)> Files) ListFiles(string directory)
    {
        string[] classFolders = ClassFolders(directory);
        var files = new List<(string File, int Label)>();
        if (classFolders.Length == 0)
        {
            files.AddRange(ImageFiles(directory).Select(f => (f, 0)));
            if (files.Count == 0)
            {
                throw new InvalidDataException(
                    $"{directory}: empty folder; expected class subfolders or image files ({string.Join('/', s_extensions)}).");
            }

            return (["0"], files);
        }

        for (int label = 0; label < classFolders.Length; label++)
        {
            int before = files.Count;
            files.AddRange(ImageFiles(classFolders[label]).Select(f => (f, label)));
            if (files.Count == before)
            {
                throw new InvalidDataException(
                    $"{classFolders[label]}: empty folder; expected image files ({string.Join('/', s_extensions)}) for class {label}.");
            }
        }

        return (classFolders.Select(f => Path.GetFileName(f)).ToArray(), files);
    }

    private static IEnumerable<string> ImageFiles(string folder) =>
        Directory.GetFiles(folder)
            .Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static void DecodeInto(string file, int height, int width, int channels, Span<float> target)
    {
        using SKCodec codec = SKCodec.Create(file) ?? throw Undecodable(file);

        // Premultiplied alpha composites transparent pixels over black, and keeps resizing free of colour fringes.
        var decodeInfo = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKBitmap decoded = SKBitmap.Decode(codec, decodeInfo) ?? throw Undecodable(file);

        var targetInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKBitmap resized = decoded.Width == width && decoded.Height == height
            ? decoded.Copy()
            : decoded.Resize(targetInfo, SKFilterQuality.High)
                ?? throw new InvalidDataException($"{file}: could not resize the image to {width}x{height}.");

        ReadOnlySpan<byte> rgba = resized.GetPixelSpan();
        int plane = height * width;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int p = (y * width) + x;
                ReadOnlySpan<byte> pixel = rgba.Slice((y * resized.RowBytes) + (4 * x), 4);
                if (channels == 1)
                {
                    target[p] = ((0.299f * pixel[0]) + (0.587f * pixel[1]) + (0.114f * pixel[2])) / 255f;
                }
                else
                {
                    target[p] = pixel[0] / 255f;
                    target[plane + p] = pixel[1] / 255f;
                    target[(2 * plane) + p] = pixel[2] / 255f;
                }
            }
        }
    }

    private static InvalidDataException Undecodable(string file) =>
        new($"{file}: could not decode the file as an image.");
}
