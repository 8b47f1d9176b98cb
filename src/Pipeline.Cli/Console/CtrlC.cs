using System.Runtime.InteropServices;

namespace Pipeline.Cli.Console;

/// <summary>
/// The first Ctrl+C or SIGTERM asks the running job to stop at the next step boundary (trainers then checkpoint); a
/// second one ends the process as usual. SIGTERM matters as much as Ctrl+C: it is what `kill`, systemd and container
/// runtimes send, and a background job started from a script ignores SIGINT.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _terminate;

    public CtrlC()
    {
        System.Console.CancelKeyPress += OnCancel;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = RequestStop("SIGTERM"));
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        System.Console.CancelKeyPress -= OnCancel;
        _terminate.Dispose();
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e) => e.Cancel = RequestStop("Ctrl+C");

    // True when this signal is the first: it is then absorbed; a repeated signal takes its default action.
    private bool RequestStop(string signal)
    {
        if (_source.IsCancellationRequested)
        {
            return false;
        }

        Terminal.Warn($"{signal}: stopping after this step and writing a checkpoint ({signal} again to abort)");
        _source.Cancel();
        return true;
    }
}
