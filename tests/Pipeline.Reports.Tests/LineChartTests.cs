using OxyPlot;
using OxyPlot.Series;
using SkiaSharp;

namespace Pipeline.Reports.Tests;

public sealed class LineChartTests
{
    private static readonly SKColor s_first = Colour(0);
    private static readonly SKColor s_second = Colour(1);

    [Fact]
    public void Writes_a_decodable_png_of_the_requested_size()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("loss.png");
        var train = new ChartSeries("train", [1, 2, 3, 4], [0.9, 0.5, 0.35, 0.3]);

        // When
        LineChart.SavePng(path, "VAE loss", "epoch", "loss", [train], width: 640, height: 360);

        // Then
        using SKBitmap png = SKBitmap.Decode(path);
        Assert.Equal((640, 360), (png.Width, png.Height));
    }

    [Fact]
    public void Draws_each_series_in_its_colour_where_its_data_lies()
    {
        // Given: a rising and a falling line crossing at (5, 5).
        using var temp = new TempDirectory();
        string path = temp.File("cross.png");
        var rising = new ChartSeries("rising", [0, 10], [0, 10]);
        var falling = new ChartSeries("falling", [0, 10], [10, 0]);

        // When
        PlotModel model = LineChart.Render(path, "cross", "x", "y", [rising, falling], 600, 400);

        // Then: the rising line is lower left and upper right, never upper left; the falling one the other way round.
        using SKBitmap png = SKBitmap.Decode(path);
        LineSeries line = (LineSeries)model.Series[0];
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(2, 2)), s_first, radius: 2), "rising line missing lower left");
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(8, 8)), s_first, radius: 2), "rising line missing upper right");
        Assert.False(HasColourNear(png, line.Transform(new DataPoint(2, 8)), s_first, radius: 20), "rising line drawn upper left");
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(2, 8)), s_second, radius: 2), "falling line missing upper left");
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(8, 2)), s_second, radius: 2), "falling line missing lower right");
        Assert.False(HasColourNear(png, line.Transform(new DataPoint(2, 2)), s_second, radius: 20), "falling line drawn lower left");
    }

    [Fact]
    public void Breaks_the_line_at_nan_and_infinite_points_and_dots_a_point_left_alone()
    {
        // Given: a line from 0 to 1, a gap, a lone point at 3 between two gaps, and a line from 5 to 6.
        using var temp = new TempDirectory();
        string path = temp.File("gaps.png");
        double[] x = [0, 1, 2, 3, 4, 5, 6];
        double[] y = [0, 1, double.NaN, 3, double.PositiveInfinity, 5, 6];
        var series = new ChartSeries("gappy", x, y);

        // When
        PlotModel model = LineChart.Render(path, "gaps", "x", "y", [series], 600, 400);

        // Then
        using SKBitmap png = SKBitmap.Decode(path);
        LineSeries line = (LineSeries)model.Series[0];
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(0.5, 0.5)), s_first, radius: 2), "segment 0-1 missing");
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(5.5, 5.5)), s_first, radius: 2), "segment 5-6 missing");
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(3, 3)), s_first, radius: 2), "lone point 3 missing");
        Assert.False(HasColourNear(png, line.Transform(new DataPoint(2, 2)), s_first, radius: 8), "line drawn across the NaN at 2");
        Assert.False(HasColourNear(png, line.Transform(new DataPoint(4, 4)), s_first, radius: 8), "line drawn across the infinity at 4");
    }

    [Fact]
    public void Fits_the_axes_to_the_finite_points_only()
    {
        // Given: finite values between 0 and 2, and a huge infinite outlier.
        using var temp = new TempDirectory();
        var series = new ChartSeries("s", [0, 1, 2, 3], [0, 2, 1, double.PositiveInfinity]);

        // When
        PlotModel model = LineChart.Render(temp.File("c.png"), "t", "x", "y", [series], 600, 400);

        // Then
        Assert.InRange(model.DefaultYAxis.ActualMaximum, 2, 3);
        Assert.InRange(model.DefaultXAxis.ActualMaximum, 2, 3);
    }

    [Fact]
    public void Lists_a_series_without_finite_points_in_the_legend_only()
    {
        // Given: an empty series and an all-NaN one beside a real line.
        using var temp = new TempDirectory();
        string path = temp.File("empty.png");
        var empty = new ChartSeries("empty", [], []);
        var nan = new ChartSeries("all nan", [double.NaN, 1], [0, double.NaN]);
        var real = new ChartSeries("real", [0, 10], [0, 10]);

        // When
        PlotModel model = LineChart.Render(path, "t", "x", "y", [empty, nan, real], 600, 400);

        // Then: the real line is drawn in the third colour.
        using SKBitmap png = SKBitmap.Decode(path);
        LineSeries line = (LineSeries)model.Series[0];
        Assert.True(HasColourNear(png, line.Transform(new DataPoint(5, 5)), Colour(2), radius: 2));
    }

    [Fact]
    public void Draws_the_title_in_a_real_font()
    {
        // Given: a machine without a display; Skia's Linux build without fontconfig finds fonts by scanning the font folders.
        using var temp = new TempDirectory();
        string path = temp.File("title.png");
        var series = new ChartSeries("s", [0, 1], [0, 1]);

        // When
        LineChart.SavePng(path, "A TITLE", "x", "y", [series], width: 600, height: 400);

        // Then: dark title pixels in the top band above the plot.
        using SKBitmap png = SKBitmap.Decode(path);
        int dark = 0;
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < png.Width; x++)
            {
                dark += png.GetPixel(x, y).Red < 100 ? 1 : 0;
            }
        }

        Assert.True(dark > 50, $"expected the title's glyphs in the top 30 rows, found {dark} dark pixels");
    }

    [Fact]
    public void Replaces_an_existing_file_whole_and_leaves_no_temporary_file()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("loss.png");
        File.WriteAllText(path, "old content, not a PNG");
        var series = new ChartSeries("s", [0, 1], [0, 1]);

        // When
        LineChart.SavePng(path, "t", "x", "y", [series]);

        // Then
        using SKBitmap png = SKBitmap.Decode(path);
        Assert.NotNull(png);
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Rejects_a_series_with_unequal_lengths_and_keeps_the_old_file()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("c.png");
        File.WriteAllText(path, "old");
        var series = new ChartSeries("broken", [1, 2, 3], [1, 2]);

        // When
        var error = Assert.Throws<ArgumentException>(() => LineChart.SavePng(path, "t", "x", "y", [series]));

        // Then
        Assert.Contains("Series 'broken': expected as many Y values as X values (3), found 2", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
    }

    private static SKColor Colour(int index)
    {
        var (r, g, b) = LineChart.SeriesColors[index];
        return new SKColor(r, g, b);
    }

    private static bool HasColourNear(SKBitmap png, ScreenPoint centre, SKColor colour, int radius)
    {
        int cx = (int)Math.Round(centre.X);
        int cy = (int)Math.Round(centre.Y);
        for (int y = Math.Max(0, cy - radius); y <= Math.Min(png.Height - 1, cy + radius); y++)
        {
            for (int x = Math.Max(0, cx - radius); x <= Math.Min(png.Width - 1, cx + radius); x++)
            {
                SKColor p = png.GetPixel(x, y);
                if (Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 30)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
