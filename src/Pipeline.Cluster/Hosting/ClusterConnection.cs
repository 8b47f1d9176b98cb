using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;

namespace Pipeline.Cluster.Hosting;

/// <summary>A started Orleans client; dispose it to disconnect.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, ClusterConnectionOptions options)
    {
        _host = host;
        Options = options;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Connection attempts, a second apart, before <see cref="ConnectAsync"/> gives up.</summary>
    public const int ConnectAttempts = 3;

    /// <summary>The client to pass to <see cref="ClusterJobs"/>.</summary>
    public IClusterClient Client { get; }

    /// <summary>How the cluster was found.</summary>
    public ClusterConnectionOptions Options { get; }

    /// <summary>Connects to the cluster.</summary>
    /// <param name="options">How the cluster is found.</param>
    /// <param name="cancellation">Stops trying.</param>
    /// <param name="configure">Further configuration of the client host (logging, for a console app that prints its own progress).</param>
    /// <exception cref="ClusterUnreachableException">No gateway answered; the message says where it looked.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterConnectionOptions options, CancellationToken cancellation = default,
        Action<HostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder();
        configure?.Invoke(builder);
        var attempts = 0;
        builder.UseOrleansClient(client =>
        {
            // Orleans retries the first connection for as long as the filter says; a user waiting at the console wants
            // to hear within seconds that nothing is listening, not minutes later.
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (++attempts >= ConnectAttempts)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), token);
                return true;
            });
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (options.Mode == ClusterMode.Redis)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(options.RedisConnection));
            }
            else
            {
                client.UseStaticClustering(options.Gateways.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToArray());
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnreachableException(
                $"Cannot reach the cluster through {options.Describe()}: {ex.GetBaseException().Message}. Start a silo first (`pipeline cluster silo`, or scripts/cluster-redis.sh for Redis mode).", ex);
        }

        return new ClusterConnection(host, options);
    }

    /// <summary>Stops the client.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
