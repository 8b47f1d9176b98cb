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
}
