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
