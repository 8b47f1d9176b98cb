using Pipeline.Reports;

namespace Pipeline.Training.PixelCnn;

/// <summary>Draws a PixelCNN run's train and test bits per dimension (per code for a prior over code grids).</summary>
public static class PixelCnnLossCurve
{
    /// <summary>
    /// Writes the plot to <paramref name="path"/> (PNG); nothing is drawn for an empty log. <paramref name="position"/>
    /// is <see cref="PixelCnnStepReport.Pixel"/> or <see cref="PixelCnnStepReport.Code"/>.
    /// </summary>
    public static void Save(string path, IReadOnlyList<PixelCnnMetrics> metrics, string position = PixelCnnStepReport.Pixel)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        var epochs = metrics.Select(m => m.Epoch).ToArray();
        LineChart.SavePng(path, position == PixelCnnStepReport.Code ? "PixelCNN prior negative log-likelihood" : "PixelCNN negative log-likelihood", "epoch",
            position == PixelCnnStepReport.Code ? "bits per code" : "bits per dimension",
        [
            new ChartSeries("train", epochs, metrics.Select(m => m.TrainBitsPerDimension).ToArray()),
            new ChartSeries("test", epochs, metrics.Select(m => m.TestBitsPerDimension).ToArray()),
        ]);
    }
}
