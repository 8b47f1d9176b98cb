using Pipeline.Reports;

namespace Pipeline.Training.Vae;

/// <summary>Draws a VAE run's train and test negative ELBO per epoch.</summary>
public static class VaeLossCurve
{
    /// <summary>Writes the plot to <paramref name="path"/> (PNG); nothing is drawn for an empty log.</summary>
    public static void Save(string path, IReadOnlyList<VaeEpochMetrics> metrics)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        var epochs = metrics.Select(m => m.Epoch).ToArray();
        LineChart.SavePng(path, "VAE negative ELBO", "epoch", "nats per image",
        [
            new ChartSeries("train -ELBO", epochs, metrics.Select(m => m.TrainNegElbo).ToArray()),
            new ChartSeries("test -ELBO", epochs, metrics.Select(m => m.TestNegElbo).ToArray()),
            new ChartSeries("test KL", epochs, metrics.Select(m => m.TestKl).ToArray()),
        ]);
    }
}
