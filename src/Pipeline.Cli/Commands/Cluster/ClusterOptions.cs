using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Cluster.Hosting;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary>
/// How a silo or a client finds the cluster, shared by every <c>cluster</c> verb: --mode, --redis, --cluster-id,
/// --service-id. Values are checked at parse time.
/// </summary>
internal sealed class ClusterFindingOptions
{
    public Option<string> Mode { get; } = new Setting<string>(
        "--mode", "dev: silos on this machine, membership and job records in a shared state folder, nothing to install; redis: membership and job records in Redis (silos on several machines)")
    {
        Default = "dev", Choices = ["dev", "redis"],
    }.ToOption();

    public Option<string> Redis { get; } = new Setting<string>(
        "--redis", "Redis mode: StackExchange.Redis connection string, e.g. localhost:6379 or host:6379,password=... (scripts/cluster-redis.sh starts one)")
    {
        Default = "localhost:6379", Rule = NotBlank,
    }.ToOption();

    public Option<string> ClusterId { get; } = new Setting<string>("--cluster-id", "Orleans cluster id: silos and clients of one cluster share it") { Default = "pipeline", Rule = NotBlank }.ToOption();

    public Option<string> ServiceId { get; } = new Setting<string>("--service-id", "Orleans service id: job records are keyed by it, keep it across restarts") { Default = "pipeline", Rule = NotBlank }.ToOption();

    public Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = "dev mode: the folder the silos of this machine share for membership and job records, where clients find their gateways (default: under the temp folder, per service and cluster id)",
    };

    public void AddTo(Command command)
    {
        command.AddOptions(Mode, Redis, ClusterId, ServiceId, StateDir);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Redis) is { Implicit: false } && result.GetValue(Mode) != "redis")
            {
                result.AddError("--redis applies to --mode redis only.");
            }

            if (result.GetResult(StateDir) is { Implicit: false } && result.GetValue(Mode) == "redis")
            {
                result.AddError("--state-dir applies to --mode dev only: in redis mode membership and job records are in Redis.");
            }
        });
    }

    /// <summary>The connection options; <paramref name="gatewayPorts"/> are the development-mode gateways a client tries.</summary>
    public ClusterConnectionOptions ToConnection(ParseResult r, IReadOnlyList<int>? gatewayPorts = null) => new(
        r.GetValue(Mode) == "redis" ? ClusterMode.Redis : ClusterMode.Development,
        r.GetValue(Redis)!,
        r.GetValue(ClusterId)!,
        r.GetValue(ServiceId)!,
        gatewayPorts,
        StateDirectory: r.GetValue(StateDir) is { } state ? Path.GetFullPath(state) : null);

    /// <summary>A TCP port option (1..65535).</summary>
    public static Option<int> Port(string name, int defaultPort, string description) =>
        new Setting<int>(name, description) { Default = defaultPort, Rule = Within(1, 65535) }.ToOption();
}

/// <summary>How a client verb (run, status) finds the cluster: the shared options plus the dev-mode gateways and --verbose.</summary>
internal sealed class ClusterClientOptions
{
    private readonly ClusterFindingOptions _finding = new();

    public Option<int[]> Gateways { get; } = new Setting<int[]>(
        "--gateway", $"dev mode: gateway port(s) of the silos to try (default: every active silo the state folder lists, else {ClusterConnectionOptions.DefaultGatewayPort})")
    {
        Rule = EachWithin(1, 65535),
    }.ToOption();

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "show the Orleans client's logs" };

    public void AddTo(Command command)
    {
        _finding.AddTo(command);
        command.Options.Add(Gateways);
        command.Options.Add(Verbose);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Gateways) is { Implicit: false } && result.GetValue(_finding.Mode) == "redis")
            {
                result.AddError("--gateway applies to --mode dev only: in redis mode the client finds the gateways through Redis.");
            }
        });
    }

    /// <summary>Connects; the Orleans client's own logs are hidden unless --verbose (its failures surface as our errors).</summary>
    public Task<ClusterConnection> ConnectAsync(ParseResult r, CancellationToken cancellation)
    {
        var verbose = r.GetValue(Verbose);
        return ClusterConnection.ConnectAsync(_finding.ToConnection(r, r.GetValue(Gateways) is { Length: > 0 } given ? given : null), cancellation, builder =>
        {
            if (!verbose)
            {
                builder.Logging.ClearProviders();
            }
        });
    }
}
