using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;
using Pipeline.Data;

namespace Pipeline.Reports;

/// <summary>
/// Draws line charts (training losses, metrics) as PNG files with OxyPlot on SkiaSharp 2.88, the SkiaSharp that
/// ML.NET's image types need (ScottPlot 5 needs SkiaSharp 3).
/// </summary>
/// <example>
/// <code>
/// var loss = new ChartSeries("loss", [1, 2, 3], [0.9, 0.5, 0.4]);
/// LineChart.SavePng("loss.png", "VAE training", "epoch", "loss", [loss]);
/// </code>
/// </example>
public static class LineChart
{
    // Debian's fonts-dejavu-core. Skia's Linux build without fontconfig matches family names exactly and otherwise
    // falls back to the first face it finds (DejaVu Math TeX Gyre, a serif), so OxyPlot's default "Segoe UI" would not do.
    private const string FontFamily = "DejaVu Sans";

    /// <summary>
    /// Writes a chart with a title, labelled axes, one line per series and a legend. Series are coloured in
    /// <see cref="SeriesColors"/> order. A point with a NaN or infinite coordinate is skipped and breaks the line; a
    /// point left alone between gaps is drawn as a dot; a series without finite points is listed in the legend only.
    /// The axes span the finite points. The file is written atomically.
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
        int height = 500) =>
        Render(path, title, xLabel, yLabel, series, width, height);

    /// <summary>
    /// The line colours in series order (matplotlib's Tableau 10 cycle: distinct and readable on white), repeating
    /// after ten series.
    /// </summary>
    public static IReadOnlyList<(byte R, byte G, byte B)> SeriesColors { get; } =
    [
        (0x1f, 0x77, 0xb4), (0xff, 0x7f, 0x0e), (0x2c, 0xa0, 0x2c), (0xd6, 0x27, 0x28), (0x94, 0x67, 0xbd),
        (0x8c, 0x56, 0x4b), (0xe3, 0x77, 0xc2), (0x7f, 0x7f, 0x7f), (0xbc, 0xbd, 0x22), (0x17, 0xbe, 0xcf),
    ];

    /// <summary><see cref="SavePng"/>, returning the rendered model so that tests can map data to pixels.</summary>
    internal static PlotModel Render(
        string path,
        string title,
        string xLabel,
        string yLabel,
        IReadOnlyList<ChartSeries> series,
        int width,
        int height)
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

        PlotModel model = Build(title, xLabel, yLabel, series);

        // Text shaping needs HarfBuzz's native library, which OxyPlot.SkiaSharp ships for Windows and macOS only;
        // plain Latin labels do not need it.
        var exporter = new PngExporter { Width = width, Height = height, UseTextShaping = false };
        AtomicFile.Write(path, stream => exporter.Export(model, stream));
        return model;
    }

    private static PlotModel Build(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        var model = new PlotModel
        {
            Title = title,
            DefaultFont = FontFamily,
            Background = OxyColors.White,
        };
        model.Axes.Add(GriddedAxis(AxisPosition.Bottom, xLabel));
        model.Axes.Add(GriddedAxis(AxisPosition.Left, yLabel));

        // Outside the plot area, in one row under the title: a legend inside would hide a rising curve.
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.TopCenter,
            LegendOrientation = LegendOrientation.Horizontal,
        });

        for (int i = 0; i < series.Count; i++)
        {
            var (r, g, b) = SeriesColors[i % SeriesColors.Count];
            OxyColor color = OxyColor.FromRgb(r, g, b);
            var line = new LineSeries { Title = series[i].Name, Color = color, StrokeThickness = 2 };

            // OxyPlot breaks a line at NaN and infinite points by itself; say so with NaN explicitly.
            line.Points.AddRange(series[i].X.Zip(series[i].Y, (x, y) => IsFinite(x, y) ? new DataPoint(x, y) : DataPoint.Undefined));
            model.Series.Add(line);

            // A point between two gaps would be an invisible zero-length line.
            var dots = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = color, RenderInLegend = false };
            dots.Points.AddRange(IsolatedPoints(series[i]).Select(p => new ScatterPoint(p.X, p.Y)));
            model.Series.Add(dots);
        }

        return model;
    }

    private static LinearAxis GriddedAxis(AxisPosition position, string label) => new()
    {
        Position = position,
        Title = label,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromRgb(0xe0, 0xe0, 0xe0),

        // Room for the dots of lone points and the line's width at the extremes.
        MinimumPadding = 0.03,
        MaximumPadding = 0.03,
    };

    private static bool IsFinite(double x, double y) => double.IsFinite(x) && double.IsFinite(y);

    private static IEnumerable<(double X, double Y)> IsolatedPoints(ChartSeries series)
    {
        for (int i = 0; i < series.X.Count; i++)
        {
            bool alone = IsFinite(series.X[i], series.Y[i])
                && (i == 0 || !IsFinite(series.X[i - 1], series.Y[i - 1]))
                && (i == series.X.Count - 1 || !IsFinite(series.X[i + 1], series.Y[i + 1]));
            if (alone)
            {
                yield return (series.X[i], series.Y[i]);
            }
        }
    }
}
