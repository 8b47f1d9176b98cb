namespace Pipeline.Data.Translation;

/// <summary>
/// Side-by-side panels of a translator's work, one panel per example: input | output | reconstruction for CycleGAN,
/// input | output | target for the paired recipes. Columns smaller than the largest (a super-resolution input) are
/// enlarged by pixel repetition, so the viewer sees the pixels the model saw rather than a smoothed version.
/// </summary>
public static class TranslationPanels
{
    /// <summary>
    /// Joins image i of every column into panel i, left to right. Every column needs the same count and channels;
    /// each column's size must divide the largest.
    /// </summary>
    /// <returns>One image per example, of the largest height and (column count × largest width).</returns>
    public static ImageDataset Compose(IReadOnlyList<ImageDataset> columns)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("Expected at least one column of images.", nameof(columns));
        }

        var (count, channels) = (columns[0].Count, columns[0].Channels);
        var height = columns.Max(c => c.Height);
        var width = columns.Max(c => c.Width);
        foreach (var column in columns)
        {
            if (column.Count != count || column.Channels != channels || height % column.Height != 0 || width % column.Width != 0)
            {
                throw new ArgumentException(
                    $"{column.Source}: {column.Count} images of {column.Channels}x{column.Height}x{column.Width}; expected {count} images of {channels} channels whose size divides {height}x{width}.");
            }
        }

        var panelWidth = width * columns.Count;
        var pixels = new float[count * channels * height * panelWidth];
        for (var i = 0; i < count; i++)
        {
            var panel = pixels.AsSpan(i * channels * height * panelWidth, channels * height * panelWidth);
            for (var k = 0; k < columns.Count; k++)
            {
                Paste(columns[k], i, panel, height, width, panelWidth, k * width);
            }
        }

        return new ImageDataset(pixels, new int[count], channels, height, panelWidth, 1, string.Join(" | ", columns.Select(c => c.Source)));
    }

    private static void Paste(ImageDataset column, int index, Span<float> panel, int height, int width, int panelWidth, int left)
    {
        var image = column.Image(index);
        var (factorY, factorX) = (height / column.Height, width / column.Width);
        for (var c = 0; c < column.Channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    panel[(((c * height) + y) * panelWidth) + left + x] =
                        image[(((c * column.Height) + (y / factorY)) * column.Width) + (x / factorX)];
                }
            }
        }
    }
}
