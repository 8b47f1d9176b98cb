using Pipeline.Reports;

namespace Pipeline.Training.PixelCnn;

/// <summary>Draws a PixelCNN run's train and test bits per dimension.</summary>
public static class PixelCnnLossCurve
{
    /// <summary>Writes the plot to <paramref name="path"/> (PNG); nothing is drawn for an empty log.</summary>
    public static void Save(string path, IReadOnlyList<PixelCnnMetrics> metrics)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        var epochs = metrics.Select(m => m.Epoch).ToArray();
        LineChart.SavePng(path, "PixelCNN negative log-likelihood", "epoch", "bits per dimension",
        [
            new ChartSeries("train", epochs, metrics.Select(m => m.TrainBitsPerDimension).ToArray()),
            new ChartSeries("test", epochs, metrics.Select(m => m.TestBitsPerDimension).ToArray()),
        ]);
    }
}
