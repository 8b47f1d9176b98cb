using SkiaSharp;

namespace Pipeline.Data.Translation;

/// <summary>
/// Lists and decodes the image files of one translation folder. Unlike <see cref="ImageFolderDataset"/>, which
/// skips other files, a translation folder must hold images only: a stray file in <c>trainA/</c> is far more often a
/// mistake (a wrong folder, an unconverted format) than intended, so it is an error naming the file.
/// </summary>
internal static class TranslationImageFiles
{
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>The image files of <paramref name="folder"/> in ordinal name order; hidden files are ignored.</summary>
    public static string[] List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: folder not found; expected a folder of PNG/JPEG images.");
        }

        var files = Directory.GetFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (var file in files)
        {
            if (!s_extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{file}: not an image file; expected only PNG/JPEG images ({string.Join('/', s_extensions)}) in {folder}.");
            }
        }

        if (files.Length == 0)
        {
            throw new InvalidDataException($"{folder}: empty folder; expected PNG/JPEG images.");
        }

        return files;
    }

    /// <summary>Decodes a file with premultiplied alpha (transparent pixels over black).</summary>
    public static SKBitmap Decode(string file)
    {
        using SKCodec codec = SKCodec.Create(file) ?? throw Undecodable(file);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        return SKBitmap.Decode(codec, info) ?? throw Undecodable(file);
    }

    /// <summary>
    /// Writes the <paramref name="region"/> of <paramref name="bitmap"/>, resized to the options' size, into
    /// <paramref name="target"/> as planar CHW values in [0, 1] (grey is 0.299 R + 0.587 G + 0.114 B, ITU-R BT.601).
    /// </summary>
    public static void Write(SKBitmap bitmap, SKRectI region, TranslationImageOptions options, string file, Span<float> target)
    {
        using var part = new SKBitmap();
        if (!bitmap.ExtractSubset(part, region))
        {
            throw new InvalidDataException($"{file}: could not read the region {region} of the image.");
        }

        var (height, width) = (options.Height, options.Width);
        using SKBitmap sized = part.Width == width && part.Height == height
            ? part.Copy()
            : part.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), SKFilterQuality.High)
                ?? throw new InvalidDataException($"{file}: could not resize the image to {width}x{height}.");
        ReadOnlySpan<byte> rgba = sized.GetPixelSpan();
        int plane = height * width;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                ReadOnlySpan<byte> pixel = rgba.Slice((y * sized.RowBytes) + (4 * x), 4);
                int p = (y * width) + x;
                if (options.Channels == 1)
                {
                    target[p] = ((0.299f * pixel[0]) + (0.587f * pixel[1]) + (0.114f * pixel[2])) / 255f;
                    continue;
                }

                for (int c = 0; c < 3; c++)
                {
                    target[(c * plane) + p] = pixel[c] / 255f;
                }
            }
        }
    }

    private static InvalidDataException Undecodable(string file) =>
        new($"{file}: could not decode the file as an image (expected PNG or JPEG).");
}
