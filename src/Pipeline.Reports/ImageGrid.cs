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

    // As the charts: fonts-dejavu-core is installed with the project's dependencies; SkiaSharp would fall back to the
    // first face it finds otherwise.
    private const string FontFamily = "DejaVu Sans";

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
        Check(pixels, count, channels, height, width, columns, scale);
        using SKImage grid = Grid(pixels, count, channels, height, width, columns, scale);
        Save(path, grid);
    }

    /// <summary>
    /// Writes a grid with one row per label, <paramref name="perRow"/> images a row, each row headed on its left by its
    /// label (a class name), cells enlarged <paramref name="scale"/> times with nearest-neighbour sampling so that a
    /// pixel stays visible. The file is written atomically.
    /// </summary>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <param name="pixels">rows × <paramref name="perRow"/> images, planar CHW, row by row.</param>
    /// <param name="rowLabels">One label per row.</param>
    /// <param name="perRow">Images per row.</param>
    /// <param name="channels">1 (grey) or 3 (RGB).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="scale">The integer factor each image is enlarged by.</param>
    /// <example>
    /// <code>ImageGrid.SaveLabelledPng("samples.png", pixels, FashionMnist.ClassNames, perRow: 10, 1, 28, 28);</code>
    /// </example>
    public static void SaveLabelledPng(string path, ReadOnlySpan<float> pixels, IReadOnlyList<string> rowLabels, int perRow, int channels, int height, int width, int scale = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowLabels.Count);
        Check(pixels, rowLabels.Count * perRow, channels, height, width, perRow, scale);
        using SKImage grid = Grid(pixels, rowLabels.Count * perRow, channels, height, width, perRow, scale);
        using var typeface = SKTypeface.FromFamilyName(FontFamily);
        using var ink = new SKPaint
        {
            Color = SKColors.Black, IsAntialias = true, Typeface = typeface, TextAlign = SKTextAlign.Right,
            TextSize = Math.Clamp((height * scale) / 4f, 11f, 20f),
        };
        var labelWidth = (int)Math.Ceiling(rowLabels.Max(l => ink.MeasureText(l))) + (4 * Padding) + 8;
        var rowHeight = (height * scale) + Padding;
        using var surface = SKSurface.Create(new SKImageInfo(labelWidth + grid.Width, grid.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.DrawImage(grid, labelWidth, 0);
        for (var row = 0; row < rowLabels.Count; row++)
        {
            var middle = Padding + (row * rowHeight) + ((height * scale) / 2f);
            canvas.DrawText(rowLabels[row], labelWidth - (2 * Padding) - 4, middle + (ink.TextSize / 3), ink);
        }

        using SKImage labelled = surface.Snapshot();
        Save(path, labelled);
    }

    /// <summary>
    /// Sections of rows, each under a strip of column headings (e.g. "input | output | target"), enlarged with nearest
    /// neighbour. A row is one wide image made of as many equal columns as its section has headings.
    /// </summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="sections">Each section's headings and its rows (one image per row, planar CHW).</param>
    /// <param name="scale">The integer factor each image is enlarged by.</param>
    public static void SaveHeadedPng(string path, IReadOnlyList<(IReadOnlyList<string> Headings, ImageDataset Rows)> sections, int scale = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sections.Count);
        using var typeface = SKTypeface.FromFamilyName(FontFamily);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true, Typeface = typeface, TextAlign = SKTextAlign.Center, TextSize = 12f };
        var strip = (int)Math.Ceiling(ink.TextSize * 1.6f);
        var grids = sections.Select(s => Grid(s.Rows.Pixels, s.Rows.Count, s.Rows.Channels, s.Rows.Height, s.Rows.Width, 1, scale)).ToArray();
        try
        {
            var width = grids.Max(g => g.Width);
            using var surface = SKSurface.Create(new SKImageInfo(width, grids.Sum(g => g.Height + strip), SKColorType.Rgba8888, SKAlphaType.Opaque));
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            var top = 0;
            for (var i = 0; i < grids.Length; i++)
            {
                var headings = sections[i].Headings;
                var column = (grids[i].Width - (2 * Padding)) / (float)headings.Count;
                for (var c = 0; c < headings.Count; c++)
                {
                    canvas.DrawText(headings[c], Padding + ((c + 0.5f) * column), top + strip - (ink.TextSize / 2), ink);
                }

                canvas.DrawImage(grids[i], 0, top + strip);
                top += strip + grids[i].Height;
            }

            using SKImage headed = surface.Snapshot();
            Save(path, headed);
        }
        finally
        {
            foreach (var grid in grids)
            {
                grid.Dispose();
            }
        }
    }

    private static void Check(ReadOnlySpan<float> pixels, int count, int channels, int height, int width, int columns, int scale)
    {
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
    }

    private static SKImage Grid(ReadOnlySpan<float> pixels, int count, int channels, int height, int width, int columns, int scale)
    {
        var (rgba, imageWidth, imageHeight) = Paint(pixels, count, channels, height, width, columns, scale);
        return SKImage.FromPixelCopy(new SKImageInfo(imageWidth, imageHeight, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba);
    }

    private static void Save(string path, SKImage image)
    {
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.SaveTo);
    }

    /// <summary>The grid's RGBA pixels (opaque, grey padding) and its size; the arguments are already checked.</summary>
    private static (byte[] Rgba, int Width, int Height) Paint(ReadOnlySpan<float> pixels, int count, int channels, int height, int width, int columns, int scale)
    {
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

        return (rgba, imageWidth, imageHeight);
    }
}
