using Pipeline.Reports;
using Pipeline.Training.Loop;

namespace Pipeline.Training.Translation;

/// <summary>One step of a translation recipe: its images and its named losses, in the recipe's order.</summary>
/// <param name="Images">Training images consumed (both domains for CycleGAN).</param>
/// <param name="Shown">The step's losses by name, e.g. "G_A", "cycle A", "D_A".</param>
public sealed record TranslationStepReport(int Images, IReadOnlyList<(string Name, double Value)> Shown) : IStepReport;

/// <summary>One line of a translation run's metrics.jsonl: each loss averaged over the steps since the previous line.</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="Epoch">Passes over domain A's training images (fractional).</param>
/// <param name="Losses">Mean of each named loss over the window.</param>
/// <param name="ImagesPerSecond">Training images per second over the window.</param>
/// <param name="Seconds">Wall time of the window's steps.</param>
public sealed record TranslationStepMetrics(long Step, double Epoch, IReadOnlyDictionary<string, double> Losses, double ImagesPerSecond, double Seconds) : IStepMetrics
{
    /// <summary>The window's means.</summary>
    public static TranslationStepMetrics Of(StepWindow<TranslationStepReport> window, double epoch)
    {
        var names = window.Steps[0].Shown.Select(v => v.Name).ToArray();
        var means = names.ToDictionary(n => n, n => window.Steps.Average(s => s.Shown.First(v => v.Name == n).Value));
        return new TranslationStepMetrics(window.EndStep, epoch, means, window.ImagesPerSecond, window.Seconds);
    }

    /// <summary>Draws every loss against the step; nothing for fewer than two lines.</summary>
    public static void Plot(string path, string title, IReadOnlyList<TranslationStepMetrics> metrics)
    {
        if (metrics.Count < 2)
        {
            return;
        }

        var steps = metrics.Select(m => (double)m.Step).ToArray();
        var series = metrics[0].Losses.Keys
            .Select(name => new ChartSeries(name, steps, metrics.Select(m => m.Losses.TryGetValue(name, out var v) ? v : double.NaN).ToArray()))
            .ToArray();
        LineChart.SavePng(path, title, "step", "loss", series);
    }
}
