using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Pipeline.Cluster.Inference;
using Pipeline.MLNet;
using StackExchange.Redis;

namespace Pipeline.Cluster.Hosting;

/// <summary>Starts silos that host the inference, shard and job grains.</summary>
/// <example>
/// <code>
/// await ClusterSilo.RunAsync(new ClusterSiloOptions(new ClusterConnectionOptions()), cancellation);   // development silo on 11111/30000
/// </code>
/// </example>
public static class ClusterSilo
{
    /// <summary>Name of the grain storage that holds job records.</summary>
    public const string JobStorage = "pipeline-jobs";

    /// <summary>Runs a silo until <paramref name="cancellation"/> fires, then stops it gracefully (running shards are handed back).</summary>
    public static async Task RunAsync(ClusterSiloOptions options, CancellationToken cancellation)
    {
        using var host = Build(options);
        await host.RunAsync(cancellation);
    }

    /// <summary>A silo host, not started: for callers that start and stop it themselves.</summary>
    /// <param name="options">The silo's settings.</param>
    /// <param name="configure">Further configuration (logging, the dashboard, test services).</param>
    public static IHost Build(ClusterSiloOptions options, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            Configure(silo, options);
            configure?.Invoke(silo);
        });
        return builder.Build();
    }

    /// <summary>Adds clustering, job storage and the silo's model sessions to <paramref name="silo"/>.</summary>
    public static ISiloBuilder Configure(ISiloBuilder silo, ClusterSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        var connection = options.Connection;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = connection.ClusterId;
            o.ServiceId = connection.ServiceId;
        });
        if (connection.Mode == ClusterMode.Redis)
        {
            var redis = ConfigurationOptions.Parse(connection.RedisConnection);
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
            silo.AddRedisGrainStorage(JobStorage, o => o.ConfigurationOptions = redis);
            silo.ConfigureEndpoints(
                AdvertisedAddress(options),
                options.SiloPort,
                options.GatewayPort,
                listenOnAnyHostAddress: true);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort), connection.ServiceId, connection.ClusterId);
            silo.AddMemoryGrainStorage(JobStorage);
        }

        AddInference(silo, options.Runtime, options.ModelRoot);
        return silo;
    }

    /// <summary>Only the silo's model sessions: for hosts that bring their own clustering and storage (tests, Kubernetes).</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="runtime">ONNX Runtime settings of the silo's sessions.</param>
    /// <param name="modelRoot">Folder that relative model paths of jobs are read from on this silo.</param>
    public static ISiloBuilder AddInference(ISiloBuilder silo, OnnxRuntimeOptions? runtime = null, string? modelRoot = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton(_ => new SiloModels(runtime ?? OnnxRuntimeOptions.Default, modelRoot));
        return silo;
    }

    /// <summary>Where other machines reach this silo: the option, else this machine's first IPv4 address.</summary>
    private static IPAddress AdvertisedAddress(ClusterSiloOptions options)
    {
        if (options.AdvertisedAddress is { } text)
        {
            return IPAddress.TryParse(text, out var address) ? address
                : throw new ArgumentException($"AdvertisedAddress '{text}' is not an IP address.", nameof(options));
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"Host {Dns.GetHostName()} has no IPv4 address to advertise; set AdvertisedAddress.");
    }
}
