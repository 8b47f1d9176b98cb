using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Pipeline.Cli.Tests.Cluster;

/// <summary>
/// `pipeline cluster silo` as a child process on free loopback ports (dev mode, its own cluster id and state folder
/// unless given), the way a user starts one; stopped with SIGTERM, which the silo takes as a graceful stop, or killed
/// with SIGKILL.
/// </summary>
public sealed class SiloProcess : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private readonly string[] _modeArgs;
    private readonly TempDirectory? _ownState;
    private Process _process = null!;

    /// <summary>A development-mode silo with a state folder of its own (the class fixture).</summary>
    public SiloProcess()
    {
        _ownState = new TempDirectory();
        _modeArgs = ["--state-dir", _ownState.Path];
    }

    private SiloProcess(string[] modeArgs)
    {
        _modeArgs = modeArgs;
    }

    /// <summary>A development-mode silo of cluster <paramref name="clusterId"/>, sharing <paramref name="stateDirectory"/> with its other silos.</summary>
    public static SiloProcess Dev(string clusterId, string stateDirectory) => new(["--state-dir", stateDirectory]) { ClusterId = clusterId };

    /// <summary>A Redis-mode silo of cluster <paramref name="clusterId"/>, membership and job records at <paramref name="redis"/>.</summary>
    public static SiloProcess Redis(string redis, string clusterId) => new(["--mode", "redis", "--redis", redis, "--advertise", "127.0.0.1", "--service-id", clusterId]) { ClusterId = clusterId };

    public string ClusterId { get; private init; } = "cli-test-" + Guid.NewGuid().ToString("N")[..6];

    public int GatewayPort { get; } = FreePort();

    /// <summary>The options a client verb needs to reach this silo.</summary>
    public string[] ClientArgs => ["--gateway", GatewayPort.ToString(), "--cluster-id", ClusterId];

    /// <summary>Exit code after <see cref="DisposeAsync"/>.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The silo's name (Silo_…), as job progress reports it; known once the silo is ready.</summary>
    public string Name => Regex.Match(Output, @"silo ready: (Silo_\w+)").Groups[1].Value;

    /// <summary>SIGKILL: the silo dies at once, with no hand-back and no goodbye to membership.</summary>
    public async Task KillAsync()
    {
        _ = Kill(_process.Id, 9);
        await _process.WaitForExitAsync();
    }

    public async Task InitializeAsync()
    {
        var siloPort = FreePort();
        var cli = Path.Combine(AppContext.BaseDirectory, "pipeline.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] args = [cli, "cluster", "silo", "--silo-port", siloPort.ToString(), "--gateway-port", GatewayPort.ToString(), "--cluster-id", ClusterId, "--threads", "1", .. _modeArgs];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(Patience));
        if (first != _ready.Task)
        {
            throw new InvalidOperationException($"The silo did not get ready{(exited.IsCompleted ? $" (exit code {_process.ExitCode})" : string.Empty)}:\n{Output}");
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            _ownState?.Dispose();
            return;
        }

        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15); // SIGTERM: the console lifetime stops the silo gracefully
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        ExitCode = _process.ExitCode;
        _process.Dispose();
        _ownState?.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
