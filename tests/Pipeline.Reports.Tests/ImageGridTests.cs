using Pipeline.Data;
using SkiaSharp;

namespace Pipeline.Reports.Tests;

public sealed class ImageGridTests
{
    [Fact]
    public void Writes_a_padded_scaled_grid_of_grey_images()
    {
        // Given: three 2x3 images, the second white, in two columns scaled by 2.
        using var temp = new TempDirectory();
        float[] pixels = new float[3 * 6];
        Array.Fill(pixels, 1f, 6, 6);
        string path = temp.File("grid.png");

        // When
        ImageGrid.SavePng(path, pixels, count: 3, channels: 1, height: 2, width: 3, columns: 2, scale: 2);

        // Then: 2 + 2 * (6 + 2) wide, 2 + 2 * (4 + 2) high.
        using SKBitmap png = SKBitmap.Decode(path);
        Assert.Equal((18, 14), (png.Width, png.Height));
        Assert.Equal(new SKColor(128, 128, 128), png.GetPixel(0, 0));
        Assert.Equal(SKColors.Black, png.GetPixel(2, 2));
        Assert.Equal(SKColors.White, png.GetPixel(10, 2));
        Assert.Equal(SKColors.White, png.GetPixel(15, 5));
        Assert.Equal(new SKColor(128, 128, 128), png.GetPixel(10, 10));
    }

    [Fact]
    public void Writes_rgb_planes_as_colours()
    {
        // Given: one 1x1 image with R=1, G=0, B=0.2.
        using var temp = new TempDirectory();
        string path = temp.File("rgb.png");

        // When
        ImageGrid.SavePng(path, [1f, -3f, 0.2f], count: 1, channels: 3, height: 1, width: 1, columns: 8, scale: 1);

        // Then
        using SKBitmap png = SKBitmap.Decode(path);
        Assert.Equal((5, 5), (png.Width, png.Height));
        Assert.Equal(new SKColor(255, 0, 51), png.GetPixel(2, 2));
    }

    [Fact]
    public void Rejects_a_wrong_pixel_count()
    {
        // Given
        using var temp = new TempDirectory();
        float[] pixels = new float[10];

        // When
        var error = Assert.Throws<ArgumentException>(
            () => ImageGrid.SavePng(temp.File("grid.png"), pixels, 2, 1, 2, 3, 2));

        // Then
        Assert.Contains("Expected 12 pixel values (2x1x2x3), found 10", error.Message);
        Assert.False(File.Exists(temp.File("grid.png")));
    }

    [Fact]
    public void A_labelled_grid_heads_each_row_with_its_label_left_of_the_unlabelled_grid()
    {
        // Given: two rows (classes) of three white 4x4 images, enlarged 3 times.
        using var temp = new TempDirectory();
        float[] pixels = Enumerable.Repeat(1f, 2 * 3 * 16).ToArray();
        string plain = temp.File("plain.png"), labelled = temp.File("labelled.png");

        // When
        ImageGrid.SavePng(plain, pixels, count: 6, channels: 1, height: 4, width: 4, columns: 3, scale: 3);
        ImageGrid.SaveLabelledPng(labelled, pixels, ["Trouser", "Ankle boot"], perRow: 3, channels: 1, height: 4, width: 4, scale: 3);

        // Then: the same grid on the right, a white label column with dark text on the left
        using SKBitmap grid = SKBitmap.Decode(plain);
        using SKBitmap png = SKBitmap.Decode(labelled);
        var labelWidth = png.Width - grid.Width;
        Assert.Equal(grid.Height, png.Height);
        Assert.InRange(labelWidth, 20, 200);
        Assert.All(Enumerable.Range(0, grid.Width), x => Assert.Equal(grid.GetPixel(x, 3), png.GetPixel(labelWidth + x, 3)));
        var ink = Enumerable.Range(0, labelWidth).SelectMany(x => Enumerable.Range(0, png.Height).Select(y => png.GetPixel(x, y))).Count(c => c.Red < 128);
        Assert.True(ink > 20, $"only {ink} dark pixels in the label column: the labels were not drawn");
    }

    [Fact]
    public void A_labelled_grid_refuses_pixels_that_do_not_fill_its_rows()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<ArgumentException>(() => ImageGrid.SaveLabelledPng(temp.File("g.png"), new float[5 * 4], ["a", "b"], perRow: 3, 1, 2, 2));

        Assert.Contains("Expected 24 pixel values (6x1x2x2), found 20", error.Message);
    }

    [Fact]
    public void A_headed_grid_puts_each_sections_headings_above_its_unchanged_rows()
    {
        // Given: two sections of two white 4x12 rows (three 4x4 columns each), enlarged 3 times.
        using var temp = new TempDirectory();
        var rows = new ImageDataset(Enumerable.Repeat(1f, 2 * 48).ToArray(), new int[2], 1, 4, 12, 1, "rows");
        string plain = temp.File("plain.png"), headed = temp.File("headed.png");

        // When
        ImageGrid.SavePng(plain, rows.Pixels, count: 2, channels: 1, height: 4, width: 12, columns: 1, scale: 3);
        ImageGrid.SaveHeadedPng(headed, [(["input", "output", "target"], rows), (["a", "b", "c"], rows)], scale: 3);

        // Then: a white strip with dark text above each copy of the grid, the grid's pixels unchanged below it
        using SKBitmap grid = SKBitmap.Decode(plain);
        using SKBitmap png = SKBitmap.Decode(headed);
        var strip = (png.Height - (2 * grid.Height)) / 2;
        Assert.Equal(grid.Width, png.Width);
        Assert.InRange(strip, 12, 40);
        Assert.All(Enumerable.Range(0, grid.Width), x => Assert.Equal(grid.GetPixel(x, 3), png.GetPixel(x, strip + 3)));
        Assert.All(Enumerable.Range(0, grid.Width), x => Assert.Equal(grid.GetPixel(x, 3), png.GetPixel(x, (2 * strip) + grid.Height + 3)));
        var ink = Enumerable.Range(0, png.Width).SelectMany(x => Enumerable.Range(0, strip).Select(y => png.GetPixel(x, y))).Count(c => c.Red < 128);
        Assert.True(ink > 20, $"only {ink} dark pixels in the heading strip: the headings were not drawn");
    }
}
