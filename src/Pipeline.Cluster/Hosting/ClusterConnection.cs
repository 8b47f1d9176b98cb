using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Serialization;
using Pipeline.Cluster.State;
using StackExchange.Redis;

namespace Pipeline.Cluster.Hosting;

/// <summary>
/// A started Orleans client; dispose it to disconnect. Calls made through it (<see cref="ClusterJobs"/>' overloads that
/// take a connection) ride through the loss of silos: they are retried, the client reconnects to the gateways that are
/// left, and only when no gateway has answered for <see cref="ClusterConnectionOptions.Patience"/> does a call give up.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable, IClusterCalls
{
    /// <summary>Longest wait for one answer before the call is asked again (the job grain's silo may have just died).</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Failed calls in a row after which the client is rebuilt, in case its gateways all went away.</summary>
    private const int FailuresBeforeReconnect = 3;

    private readonly Action<HostApplicationBuilder>? _configure;
    private IHost _host;

    private ClusterConnection(IHost host, ClusterConnectionOptions options, Action<HostApplicationBuilder>? configure)
    {
        _host = host;
        _configure = configure;
        Options = options;
    }

    /// <summary>Connection attempts, a second apart, before <see cref="ConnectAsync"/> gives up.</summary>
    public const int ConnectAttempts = 3;

    /// <summary>The client to pass to <see cref="ClusterJobs"/> (a new one after a reconnection).</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

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
        return new ClusterConnection(await StartAsync(options, configure, cancellation), options, configure);
    }

    async Task<T> IClusterCalls.CallAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellation)
    {
        DateTime? failingSince = null;
        var failures = 0;
        while (true)
        {
            try
            {
                return await call(Client).WaitAsync(CallTimeout, cancellation);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellation.IsCancellationRequested)
            {
                failingSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - failingSince > Options.Patience)
                {
                    throw new ClusterUnreachableException(
                        $"The cluster has not answered for {Options.Patience.TotalSeconds:F0} s ({Options.Describe()}; last: {ex.GetBaseException().Message}).", ex);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                if (++failures % FailuresBeforeReconnect == 0)
                {
                    await ReconnectAsync(cancellation);
                }
            }
        }
    }

    /// <summary>Stops the client.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(_host);

    /// <summary>Failures that a lost silo or gateway explains, as opposed to a refused job or a bug.</summary>
    private static bool IsTransient(Exception ex) =>
        ex is OrleansException or TimeoutException or SocketException or IOException or ObjectDisposedException or ClusterUnreachableException;

    private async Task ReconnectAsync(CancellationToken cancellation)
    {
        try
        {
            var fresh = await StartAsync(Options, _configure, cancellation);
            var old = _host;
            _host = fresh;
            await StopAsync(old);
        }
        catch (ClusterUnreachableException)
        {
            // No gateway yet; the caller keeps trying until its patience runs out.
        }
    }

    private static async Task<IHost> StartAsync(ClusterConnectionOptions options, Action<HostApplicationBuilder>? configure, CancellationToken cancellation)
    {
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
            else if (options.DiscoversGateways)
            {
                client.Services.AddSingleton<IGatewayListProvider>(services => new FileGatewayList(options.EffectiveStateDirectory, services.GetRequiredService<Serializer>()));
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

        return host;
    }

    /// <summary>Stops a client within a few seconds; a client whose gateways are gone must not hang or throw on the way out.</summary>
    private static async Task StopAsync(IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (IsTransient(ex) || ex is OperationCanceledException)
        {
        }
        finally
        {
            host.Dispose();
        }
    }
}

/// <summary>How <see cref="ClusterJobs"/> reaches the cluster: straight through a client, or retrying through a <see cref="ClusterConnection"/>.</summary>
internal interface IClusterCalls
{
    Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellation);
}

/// <summary>One attempt per call, for callers that handle failures themselves.</summary>
internal sealed class DirectCalls(IClusterClient client) : IClusterCalls
{
    public Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellation) => call(client).WaitAsync(cancellation);
}
