using SkiaSharp;

namespace Pipeline.Reports.Tests;

public sealed class LineChartTests
{
    [Fact]
    public void Writes_a_decodable_png_of_the_requested_size()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("loss.png");
        var train = new ChartSeries("train", [1, 2, 3, 4], [0.9, 0.5, 0.35, 0.3]);
        var test = new ChartSeries("test", [1, 2, 3, 4], [1.0, 0.6, 0.5, 0.45]);

        // When
        LineChart.SavePng(path, "VAE loss", "epoch", "loss", [train, test], width: 640, height: 360);

        // Then
        using SKBitmap png = SKBitmap.Decode(path);
        Assert.Equal((640, 360), (png.Width, png.Height));
        Assert.Contains(png.Pixels, p => p.Red < 100 && p.Blue > 150);
    }

    [Fact]
    public void Skips_nan_and_infinite_points()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("gaps.png");
        var series = new ChartSeries("gappy", [0, 1, 2, 3, double.NaN, 5], [1, double.NaN, 3, double.PositiveInfinity, 2, 4]);
        var empty = new ChartSeries("all nan", [double.NaN], [double.NaN]);

        // When
        LineChart.SavePng(path, "gaps", "x", "y", [series, empty]);

        // Then
        using SKBitmap png = SKBitmap.Decode(path);
        Assert.Equal((900, 500), (png.Width, png.Height));
    }

    [Fact]
    public void Rejects_a_series_with_unequal_lengths()
    {
        // Given
        using var temp = new TempDirectory();
        var series = new ChartSeries("broken", [1, 2, 3], [1, 2]);

        // When
        var error = Assert.Throws<ArgumentException>(
            () => LineChart.SavePng(temp.File("c.png"), "t", "x", "y", [series]));

        // Then
        Assert.Contains("'broken'", error.Message);
    }
}
