using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Pipeline.Cluster.Inference;
using Pipeline.Cluster.State;
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
        silo.Configure<ClusterMembershipOptions>(TuneMembership);
        if (connection.Mode == ClusterMode.Redis)
        {
            var redis = ConfigurationOptions.Parse(connection.RedisConnection);
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
            silo.AddRedisGrainStorage(JobStorage, o => o.ConfigurationOptions = redis);
            silo.Services.AddSingleton<IRunningJobs>(_ => new RedisRunningJobs(redis, connection.ServiceId));
            AddJobDriver(silo);
            silo.ConfigureEndpoints(
                AdvertisedAddress(options),
                options.SiloPort,
                options.GatewayPort,
                listenOnAnyHostAddress: true);
        }
        else
        {
            var state = connection.EffectiveStateDirectory;
            silo.Services.AddSingleton<IMembershipTable>(services => new FileMembershipTable(state, services.GetRequiredService<Serializer>()));
            AddFileJobStore(silo, state);
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort);
        }

        AddInference(silo, options.Runtime, options.ModelRoot);
        return silo;
    }

    /// <summary>
    /// Development mode's state folder when none is given: under the system temp folder, one per service and cluster id,
    /// so that the silos of one cluster on this machine find the same one.
    /// </summary>
    public static string DefaultStateDirectory(ClusterConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var name = string.Concat($"{connection.ServiceId}-{connection.ClusterId}".Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        return Path.Combine(Path.GetTempPath(), "pipeline-cluster", name);
    }

    /// <summary>
    /// Job records and the running-job list in files under <paramref name="stateDirectory"/>, shared by the silos of
    /// one machine, and the service that keeps running jobs driven: for hosts that bring their own clustering (tests).
    /// </summary>
    public static ISiloBuilder AddFileJobStore(ISiloBuilder silo, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        silo.Services.AddGrainStorage(JobStorage, (_, _) => new FileGrainStorage(Path.Combine(stateDirectory, "jobs")));
        silo.Services.AddSingleton<IRunningJobs>(_ => new FileRunningJobs(Path.Combine(stateDirectory, "running")));
        return AddJobDriver(silo);
    }

    private static ISiloBuilder AddJobDriver(ISiloBuilder silo)
    {
        silo.Services.AddHostedService<JobDriver>();
        return silo;
    }

    /// <summary>
    /// Orleans' defaults suit long-lived clusters of many machines. Here a handful of silos come and go, and a joining
    /// silo pings every active row that is not stale, retrying every 5 s until they answer or are voted dead: after
    /// every silo died, a restarted one waited minutes with the defaults, 20 s with 5 s heartbeats. (In development
    /// mode the file table also marks the rows of exited processes dead at once.) Heartbeats every 2 s (default 30 s),
    /// stale after three missed (6 s: under two cores of ONNX work a heartbeat may be late by a second or two, not by
    /// six), the table re-read every 2 s (default 60 s), probes timing out after 3 s (default 5 s), so a killed silo is
    /// declared dead within about 10 s; dead rows older than an hour are removed, so restarts do not grow the table.
    /// </summary>
    private static void TuneMembership(ClusterMembershipOptions o)
    {
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedTableIAmAliveLimit = 3;
        o.ProbeTimeout = TimeSpan.FromSeconds(3);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.DefunctSiloExpiration = TimeSpan.FromHours(1);
        o.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
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
