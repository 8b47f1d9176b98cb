using Pipeline.Reports;

namespace Pipeline.Training.StyleGan;

/// <summary>Draws a StyleGAN2 run's D and G losses against the step.</summary>
public static class StyleGanLossCurve
{
    /// <summary>Writes the plot to <paramref name="path"/> (PNG); nothing is drawn for fewer than two records.</summary>
    public static void Save(string path, IReadOnlyList<StyleGanStepMetrics> metrics)
    {
        if (metrics.Count < 2)
        {
            return;
        }

        var steps = metrics.Select(m => (double)m.Step).ToArray();
        LineChart.SavePng(path, "StyleGAN2 losses", "step", "loss",
        [
            new ChartSeries("D loss", steps, metrics.Select(m => m.DiscriminatorLoss).ToArray()),
            new ChartSeries("G loss", steps, metrics.Select(m => m.GeneratorLoss).ToArray()),
        ]);
    }
}
