using Pipeline.Reports;
using Pipeline.Training.Translation;

namespace Pipeline.Application.Translation;

/// <summary>
/// The run's HTML page (index.html in the run folder, images embedded, so it opens anywhere without a server):
/// evaluation figures next to their baselines, the options, the loss curves and the panels of the latest steps.
/// </summary>
public static class TranslationPage
{
    /// <summary>The page's file name in a run folder.</summary>
    public const string FileName = "index.html";

    /// <summary>Panels of this many sample steps are shown, evenly spread from the first to the last.</summary>
    private const int ShownSteps = 4;

    /// <summary>Writes (or rewrites) the page of the run in <paramref name="runPath"/>; returns its path.</summary>
    public static string Write(string runPath)
    {
        var run = RunFolder.Open(runPath);
        var config = run.ReadConfig<TranslationRunConfig>();
        var evaluation = TranslationOperations.ReadEvaluation(run.Path);
        var metrics = new List<(string, string)>();
        if (evaluation is not null)
        {
            metrics.Add(("evaluated at step", evaluation.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            metrics.AddRange(TranslationFigures.Rows(config, evaluation));
        }

        metrics.AddRange(TranslationFigures.Options(config));
        var loss = run.File("loss.png");
        var page = new RunPage($"{TranslationOperations.Name(config.Recipe)} {run.Id}")
        {
            Metrics = metrics,
            LossChart = File.Exists(loss) ? loss : null,
            Images = Panels(run, config),
        };
        var path = run.File(FileName);
        page.Save(path);
        return path;
    }

    private static RunPageImage[] Panels(RunFolder run, TranslationRunConfig config)
    {
        var folder = run.File("images");
        if (!Directory.Exists(folder))
        {
            return [];   // a run stopped before its first panel (or copied without them) still gets its page
        }

        var steps = Directory.GetFiles(folder, "step-*.png").Order(StringComparer.Ordinal).ToArray();
        var shown = steps.Length <= ShownSteps
            ? steps
            : Enumerable.Range(0, ShownSteps).Select(i => steps[(int)Math.Round(i * (steps.Length - 1) / (double)(ShownSteps - 1))]).Distinct().ToArray();
        var (a, b) = config.DomainNames;
        var columns = config.Recipe == TranslationRecipeKind.CycleGan
            ? $"{a} | G_A({a}) as {b} | G_B(G_A({a})) back, then {b} | G_B({b}) as {a} | G_A(G_B({b})) back"
            : $"input ({a}) | output | target ({b})";
        return shown.Reverse()
            .Select(file => new RunPageImage($"test images after step {int.Parse(Path.GetFileNameWithoutExtension(file)["step-".Length..], System.Globalization.CultureInfo.InvariantCulture)}: {columns}", file))
            .ToArray();
    }
}
