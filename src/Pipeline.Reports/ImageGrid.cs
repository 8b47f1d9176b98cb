using Pipeline.Data;
using SkiaSharp;

namespace Pipeline.Reports;

/// <summary>Saves a batch of images as one PNG grid, for looking at samples and reconstructions.</summary>
/// <example>
/// <code>ImageGrid.SavePng("samples.png", test.Pixels.AsSpan(0, 64 * 784), 64, 1, 28, 28, columns: 8);</code>
/// </example>
public static class ImageGrid
{
    /// <summary>The number of pixels between cells and around the border, as torchvision's <c>make_grid</c> uses.</summary>
    public const int Padding = 2;

    // Mid grey rather than black: Fashion-MNIST backgrounds are black, so black padding would hide the cell edges.
    private const byte PaddingValue = 128;

    /// <summary>
    /// Lays out originals and their reconstructions in alternating rows of <paramref name="columns"/> cells: a row of
    /// originals, the row of their reconstructions beneath, and so on. Returns the cells, padded with blanks to whole rows.
    /// </summary>
    public static float[] Alternating(ReadOnlySpan<float> originals, ReadOnlySpan<float> reconstructions, int count, int imageSize, int columns)
    {
        var rows = (count + columns - 1) / columns;
        var cells = new float[2 * rows * columns * imageSize];
        for (var i = 0; i < count; i++)
        {
            var cell = (2 * (i / columns) * columns) + (i % columns);
            originals.Slice(i * imageSize, imageSize).CopyTo(cells.AsSpan(cell * imageSize));
            reconstructions.Slice(i * imageSize, imageSize).CopyTo(cells.AsSpan((cell + columns) * imageSize));
        }

        return cells;
    }

    /// <summary>
    /// Writes <paramref name="count"/> images as a PNG grid with <paramref name="columns"/> columns, each cell scaled up by
    /// <paramref name="scale"/> with nearest-neighbour sampling. Values are clamped to [0, 1]. The file is written atomically.
    /// </summary>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <param name="pixels"><paramref name="count"/> images, planar CHW, one after another.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="columns">Cells per row; fewer are used when there are fewer images.</param>
    /// <param name="scale">The integer factor each image is enlarged by.</param>
    /// <exception cref="ArgumentException">A size is not positive or <paramref name="pixels"/> has the wrong length.</exception>
    public static void SavePng(
        string path,
        ReadOnlySpan<float> pixels,
        int count,
        int channels,
        int height,
        int width,
        int columns,
        int scale = 2)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (channels is not (1 or 3))
        {
            throw new ArgumentException($"Expected 1 or 3 channels, found {channels}.", nameof(channels));
        }

        long expected = (long)count * channels * height * width;
        if (pixels.Length != expected)
        {
            throw new ArgumentException(
                $"Expected {expected} pixel values ({count}x{channels}x{height}x{width}), found {pixels.Length}.",
                nameof(pixels));
        }

        int gridColumns = Math.Min(columns, count);
        int gridRows = (count + gridColumns - 1) / gridColumns;
        int cellWidth = width * scale;
        int cellHeight = height * scale;
        int imageWidth = Padding + (gridColumns * (cellWidth + Padding));
        int imageHeight = Padding + (gridRows * (cellHeight + Padding));

        byte[] rgba = new byte[imageWidth * imageHeight * 4];
        rgba.AsSpan().Fill(PaddingValue);
        int plane = height * width;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> image = pixels.Slice(i * channels * plane, channels * plane);
            int left = Padding + ((i % gridColumns) * (cellWidth + Padding));
            int top = Padding + ((i / gridColumns) * (cellHeight + Padding));
            for (int y = 0; y < cellHeight; y++)
            {
                for (int x = 0; x < cellWidth; x++)
                {
                    int source = ((y / scale) * width) + (x / scale);
                    int target = (((top + y) * imageWidth) + left + x) * 4;
                    byte r = IdxDataset.ToByte(image[source]);
                    rgba[target] = r;
                    rgba[target + 1] = channels == 1 ? r : IdxDataset.ToByte(image[plane + source]);
                    rgba[target + 2] = channels == 1 ? r : IdxDataset.ToByte(image[(2 * plane) + source]);
                    rgba[target + 3] = byte.MaxValue;
                }
            }
        }

        var info = new SKImageInfo(imageWidth, imageHeight, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using SKImage bitmap = SKImage.FromPixelCopy(info, rgba);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.SaveTo);
    }
}
