using System.Diagnostics;
using Spectre.Console;

namespace Pipeline.Cli.Console;

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
