namespace Pipeline.Cli.Console;

/// <summary>
/// A terminal callback (a progress bar's, a line printer) as the <see cref="IProgress{T}"/> the application layer reports
/// to, called on the reporting thread: <see cref="Progress{T}"/> would post each report to the thread pool, out of order
/// with the rest of the output and after the bar may be gone.
/// </summary>
internal sealed class Reported<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
