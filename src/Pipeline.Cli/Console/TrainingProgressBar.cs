using Pipeline.Training;
using Spectre.Console;

namespace Pipeline.Cli.Console;

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
