using System.Diagnostics;
using Pipeline.Training;
using Spectre.Console;

namespace Pipeline.Cli.Console;

/// <summary>
/// The last state of a progress bar, drawn once the work is done. Spectre.Console draws on a timer, and its
/// non-interactive renderer (logs, redirected output) prints only at milestones and stops printing a task once it is
/// finished, so without this a bar in a log ends at 99% or earlier although every step ran.
/// </summary>
internal static class ProgressEnd
{
    /// <summary>A bar kept on screen when done: description, bar, percentage, elapsed and remaining time.</summary>
    public static Progress Bar() => AnsiConsole.Progress().AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());

    /// <summary>Call inside <c>Start</c> when the work returns: draws the live bar's last frame.</summary>
    public static void Refresh(ProgressContext context) => context.Refresh();

    /// <summary>Call after <c>Start</c> returned: on a non-interactive console, one line with the final description and percentage.</summary>
    public static void Print(ProgressTask? task)
    {
        if (task is not null && !AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.MarkupLine($"{task.Description}: {(int)Math.Floor(task.Percentage)}%");
        }
    }
}

/// <summary>A Spectre.Console progress bar over a known number of items (images), with their rate, fed synchronously.</summary>
internal static class CountProgressBar
{
    /// <summary>
    /// Shows a bar titled <paramref name="title"/> while <paramref name="work"/> runs; <paramref name="work"/> reports
    /// how many of <paramref name="total"/> items are done. The last count is drawn before the bar is left.
    /// </summary>
    public static void Run(string title, int total, string unit, Action<Action<int>> work)
    {
        ProgressTask? shown = null;
        ProgressEnd.Bar().Start(context =>
        {
            var task = shown = context.AddTask(Markup.Escape(title), maxValue: total);
            var watch = Stopwatch.StartNew();
            work(done =>
            {
                task.Value = done;
                var seconds = watch.Elapsed.TotalSeconds;
                task.Description = Markup.Escape($"{title}  {done}/{total}  {(seconds > 0 ? done / seconds : 0):F0} {unit}/s");
            });
            ProgressEnd.Refresh(context);
        });
        ProgressEnd.Print(shown);
    }
}

/// <summary>A Spectre.Console progress bar fed synchronously by a trainer (no thread hop per step).</summary>
internal sealed class TrainingProgressBar : IProgress<TrainingProgress>
{
    private readonly ProgressTask _task;

    private TrainingProgressBar(ProgressTask task)
    {
        _task = task;
    }

    /// <summary>Shows a bar titled <paramref name="title"/> while <paramref name="train"/> runs.</summary>
    public static T Run<T>(string title, long totalSteps, long firstStep, Func<IProgress<TrainingProgress>, T> train)
    {
        ProgressTask? shown = null;
        var result = ProgressEnd.Bar().Start(context =>
        {
            shown = context.AddTask(Markup.Escape(title), maxValue: totalSteps);
            shown.Value = firstStep;
            var trained = train(new TrainingProgressBar(shown));
            ProgressEnd.Refresh(context);
            return trained;
        });
        ProgressEnd.Print(shown);
        return result;
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        _task.Value = value.Step;
        var values = string.Join("  ", value.Values.Select(v => $"{v.Name} {v.Value:F2}"));
        _task.Description = Markup.Escape($"epoch {value.Epoch:F2}  {values}  {value.ImagesPerSecond:F0} img/s");
    }
}
