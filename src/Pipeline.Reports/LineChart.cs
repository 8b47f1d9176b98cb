using Pipeline.Data;
using SkiaSharp;

namespace Pipeline.Reports;

/// <summary>
/// Draws simple line charts (training losses, metrics) as PNG files with SkiaSharp 2.88 alone:
/// plotting libraries such as ScottPlot 5 need SkiaSharp 3, which breaks ML.NET's image types.
/// </summary>
/// <example>
/// <code>
/// var loss = new ChartSeries("loss", [1, 2, 3], [0.9, 0.5, 0.4]);
/// LineChart.SavePng("loss.png", "VAE training", "epoch", "loss", [loss]);
/// </code>
/// </example>
public static class LineChart
{
    private const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const float MarginLeft = 80;
    private const float MarginRight = 30;
    private const float MarginTop = 50;
    private const float MarginBottom = 60;

    // Tableau 10, the matplotlib default cycle: distinct and readable on white.
    private static readonly SKColor[] s_palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf),
    ];

    private static readonly Lazy<SKTypeface> s_typeface = new(
        () => (File.Exists(FontPath) ? SKTypeface.FromFile(FontPath) : null) ?? SKTypeface.Default);

    /// <summary>
    /// Writes a chart with a title, labelled axes with round tick values, one line per series and a legend.
    /// NaN and infinite points are skipped, breaking the line. The file is written atomically.
    /// </summary>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <param name="title">The title above the plot.</param>
    /// <param name="xLabel">The x-axis label.</param>
    /// <param name="yLabel">The y-axis label.</param>
    /// <param name="series">The lines to draw, coloured in order.</param>
    /// <param name="width">The image width in pixels, at least 200.</param>
    /// <param name="height">The image height in pixels, at least 150.</param>
    /// <exception cref="ArgumentException">A series has unequal X and Y counts, or the image is too small.</exception>
    public static void SavePng(
        string path,
        string title,
        string xLabel,
        string yLabel,
        IReadOnlyList<ChartSeries> series,
        int width = 900,
        int height = 500)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        foreach (ChartSeries s in series)
        {
            if (s.X.Count != s.Y.Count)
            {
                throw new ArgumentException(
                    $"Series '{s.Name}': expected as many Y values as X values ({s.X.Count}), found {s.Y.Count}.",
                    nameof(series));
            }
        }

        // A point is drawn only if both coordinates are finite, so only those count towards the ranges.
        ChartAxis xAxis = ChartAxis.Fit(FinitePoints(series).Select(p => p.X));
        ChartAxis yAxis = ChartAxis.Fit(FinitePoints(series).Select(p => p.Y));
        var plot = new SKRect(MarginLeft, MarginTop, width - MarginRight, height - MarginBottom);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var text = new SKPaint { Typeface = s_typeface.Value, TextSize = 13, IsAntialias = true, Color = SKColors.Black };
        using var grid = new SKPaint { Color = new SKColor(0xe0, 0xe0, 0xe0), StrokeWidth = 1, IsAntialias = true };
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, Style = SKPaintStyle.Stroke, IsAntialias = true };

        DrawTicks(canvas, plot, xAxis, yAxis, text, grid);
        canvas.DrawRect(plot, axis);
        DrawLabels(canvas, plot, width, title, xLabel, yLabel, text);

        canvas.Save();
        canvas.ClipRect(plot);
        for (int i = 0; i < series.Count; i++)
        {
            DrawSeries(canvas, plot, xAxis, yAxis, series[i], s_palette[i % s_palette.Length]);
        }

        canvas.Restore();
        DrawLegend(canvas, plot, series, text);

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.SaveTo);
    }

    private static IEnumerable<(double X, double Y)> FinitePoints(IReadOnlyList<ChartSeries> series) =>
        series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second));

    private static void DrawTicks(SKCanvas canvas, SKRect plot, ChartAxis xAxis, ChartAxis yAxis, SKPaint text, SKPaint grid)
    {
        foreach (double tick in xAxis.Ticks())
        {
            float x = xAxis.Map(tick, plot.Left, plot.Right);
            canvas.DrawLine(x, plot.Top, x, plot.Bottom, grid);
            string label = xAxis.Format(tick);
            canvas.DrawText(label, x - (text.MeasureText(label) / 2), plot.Bottom + 18, text);
        }

        foreach (double tick in yAxis.Ticks())
        {
            float y = yAxis.Map(tick, plot.Bottom, plot.Top);
            canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
            string label = yAxis.Format(tick);
            canvas.DrawText(label, plot.Left - 6 - text.MeasureText(label), y + 4, text);
        }
    }

    private static void DrawLabels(SKCanvas canvas, SKRect plot, int width, string title, string xLabel, string yLabel, SKPaint text)
    {
        using SKPaint titlePaint = text.Clone();
        titlePaint.TextSize = 18;
        canvas.DrawText(title, (width - titlePaint.MeasureText(title)) / 2, MarginTop - 18, titlePaint);
        canvas.DrawText(xLabel, plot.MidX - (text.MeasureText(xLabel) / 2), plot.Bottom + 42, text);

        canvas.Save();
        canvas.Translate(20, plot.MidY + (text.MeasureText(yLabel) / 2));
        canvas.RotateDegrees(-90);
        canvas.DrawText(yLabel, 0, 0, text);
        canvas.Restore();
    }

    private static void DrawSeries(SKCanvas canvas, SKRect plot, ChartAxis xAxis, ChartAxis yAxis, ChartSeries series, SKColor color)
    {
        using var line = new SKPaint { Color = color, StrokeWidth = 2, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var dot = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        using var path = new SKPath();
        int segmentLength = 0;
        SKPoint last = default;
        for (int i = 0; i <= series.X.Count; i++)
        {
            bool finite = i < series.X.Count && double.IsFinite(series.X[i]) && double.IsFinite(series.Y[i]);
            if (!finite)
            {
                // An isolated point would be an invisible zero-length line.
                if (segmentLength == 1)
                {
                    canvas.DrawCircle(last, 3, dot);
                }

                segmentLength = 0;
                continue;
            }

            last = new SKPoint(xAxis.Map(series.X[i], plot.Left, plot.Right), yAxis.Map(series.Y[i], plot.Bottom, plot.Top));
            if (segmentLength++ == 0)
            {
                path.MoveTo(last);
            }
            else
            {
                path.LineTo(last);
            }
        }

        canvas.DrawPath(path, line);
    }

    private static void DrawLegend(SKCanvas canvas, SKRect plot, IReadOnlyList<ChartSeries> series, SKPaint text)
    {
        if (series.Count == 0)
        {
            return;
        }

        const float Row = 18;
        const float Swatch = 20;
        float textWidth = series.Max(s => text.MeasureText(s.Name));
        var box = SKRect.Create(plot.Right - textWidth - Swatch - 26, plot.Top + 8, textWidth + Swatch + 18, (series.Count * Row) + 8);
        using var background = new SKPaint { Color = SKColors.White.WithAlpha(220), Style = SKPaintStyle.Fill };
        using var border = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(box, background);
        canvas.DrawRect(box, border);
        for (int i = 0; i < series.Count; i++)
        {
            float y = box.Top + 4 + (Row * i) + (Row / 2);
            using var line = new SKPaint { Color = s_palette[i % s_palette.Length], StrokeWidth = 3, IsAntialias = true };
            canvas.DrawLine(box.Left + 6, y, box.Left + 6 + Swatch, y, line);
            canvas.DrawText(series[i].Name, box.Left + Swatch + 12, y + 4, text);
        }
    }
}
