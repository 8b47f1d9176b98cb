using System.Diagnostics;
using Pipeline.Cluster.Jobs;
using Spectre.Console;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary>
/// A Spectre.Console bar over a job's images, its description showing shards done, shards per silo, re-issued attempts
/// and images/s since this client attached. Fed synchronously by <c>ClusterJobs.AttachAsync</c>.
/// </summary>
internal sealed class JobProgressBar : IProgress<JobProgress>
{
    private readonly ProgressTask _task;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int? _firstDone;

    private JobProgressBar(ProgressTask task)
    {
        _task = task;
    }

    /// <summary>The last snapshot reported.</summary>
    public JobProgress? Last { get; private set; }

    /// <summary>Images/s since this client attached.</summary>
    public double ImagesPerSecond => Last is null || _firstDone is null || _watch.Elapsed.TotalSeconds <= 0
        ? 0
        : (Last.DoneItems - _firstDone.Value) / _watch.Elapsed.TotalSeconds;

    /// <summary>Shows a bar titled by the job id while <paramref name="follow"/> runs.</summary>
    public static async Task<T> RunAsync<T>(string jobId, Func<JobProgressBar, Task<T>> follow)
    {
        return await ProgressEnd.Bar().StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(jobId), maxValue: 1);
            return await follow(new JobProgressBar(task));
        });
    }

    /// <inheritdoc />
    public void Report(JobProgress value)
    {
        _firstDone ??= value.DoneItems;
        Last = value;
        _task.MaxValue = Math.Max(1, value.TotalItems);
        _task.Value = value.DoneItems;
        _task.Description = Markup.Escape(value.Describe(ImagesPerSecond));
    }
}
