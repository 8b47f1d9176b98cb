namespace Pipeline.Cli.Console;

/// <summary>
/// The first Ctrl+C asks the running job to stop at the next step boundary (trainers then checkpoint); a second one
/// ends the process as usual.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CtrlC()
    {
        System.Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        System.Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_source.IsCancellationRequested)
        {
            e.Cancel = true;
            Terminal.Warn("stopping after this step and writing a checkpoint (Ctrl+C again to abort)");
            _source.Cancel();
        }
    }
}
