using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Cluster.Tests;

/// <summary>A throw-away redis-server (Debian's) on a free loopback port, its data in a temp folder.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _data = new();

    public RedisServer()
    {
        Port = FreePort.Next();
        _process = Process.Start(new ProcessStartInfo(Executable!, $"--port {Port} --bind 127.0.0.1 --dir {_data.Path} --appendonly yes --save \"\"")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.BeginOutputReadLine();
        WaitUntilListening();
    }

    /// <summary>redis-server on the PATH, or null.</summary>
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

    public int Port { get; }

    public string Connection => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private void WaitUntilListening()
    {
        // Bounded retries against a hang; redis-server listens within milliseconds.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}.");
                }

                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException($"redis-server is not listening on port {Port}.");
    }
}

/// <summary>Skips when Debian's redis-server is not installed (scripts/test.sh installs it).</summary>
internal sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = "redis-server is not installed (scripts/cluster-redis.sh start installs it, or apt-get install redis-server); the Redis-mode test needs it.";
        }
    }
}

internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
