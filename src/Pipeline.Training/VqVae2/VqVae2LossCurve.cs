using Pipeline.Reports;

namespace Pipeline.Training.VqVae2;

/// <summary>Draws a VQ-VAE-2 run's test PSNR per metrics line.</summary>
public static class VqVae2LossCurve
{
    /// <summary>Writes the plot to <paramref name="path"/> (PNG); nothing is drawn for an empty log.</summary>
    public static void Save(string path, IReadOnlyList<VqVae2Metrics> metrics)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        var epochs = metrics.Select(m => m.Epoch).ToArray();
        LineChart.SavePng(path, "VQ-VAE-2 reconstruction", "epoch", "PSNR (dB)",
        [
            new ChartSeries("test PSNR", epochs, metrics.Select(m => m.TestPsnr).ToArray()),
            new ChartSeries("train PSNR", epochs, metrics.Select(m => VqVae2Evaluator.Psnr(m.TrainMse)).ToArray()),
        ]);
    }
}
