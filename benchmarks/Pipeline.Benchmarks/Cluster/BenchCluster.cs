using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Cluster.Hosting;
using Pipeline.MLNet;

namespace Pipeline.Benchmarks.Cluster;

/// <summary>
/// A development-mode cluster of <see cref="Silos"/> silos inside this process, on free loopback ports, with a client:
/// what <see cref="ClusterBench"/> times jobs on. Each bench cluster has its own cluster id, so several stay up side by side.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly IHost[] _hosts;

    private BenchCluster(IHost[] hosts, ClusterConnection connection)
    {
        _hosts = hosts;
        Connection = connection;
    }

    public int Silos => _hosts.Length;

    public ClusterConnection Connection { get; }

    public static async Task<BenchCluster> StartAsync(int silos, OnnxRuntimeOptions runtime)
    {
        var ports = Enumerable.Range(0, silos).Select(_ => (Silo: FreePort(), Gateway: FreePort())).ToArray();
        var connection = new ClusterConnectionOptions(ClusterId: $"bench-{silos}-{Guid.NewGuid().ToString("N")[..6]}", GatewayPorts: ports.Select(p => p.Gateway).ToArray());
        var hosts = ports.Select(p => ClusterSilo.Build(
            new ClusterSiloOptions(connection, p.Silo, p.Gateway, ports[0].Silo, runtime),
            silo => silo.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Error)))).ToArray();
        foreach (var host in hosts)
        {
            await host.StartAsync();
        }

        var client = await ClusterConnection.ConnectAsync(connection, configure: b => b.Logging.ClearProviders());
        return new BenchCluster(hosts, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        foreach (var host in _hosts.Reverse())
        {
            await host.StopAsync();
            host.Dispose();
        }

        // A bench cluster's id is used once: its membership and job records have no later reader.
        var state = ClusterSilo.DefaultStateDirectory(Connection.Options);
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
