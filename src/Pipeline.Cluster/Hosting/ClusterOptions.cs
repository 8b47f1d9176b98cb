using Pipeline.MLNet;

namespace Pipeline.Cluster.Hosting;

/// <summary>How a silo or client finds the cluster.</summary>
/// <param name="Mode">Development (localhost) or Redis.</param>
/// <param name="RedisConnection">StackExchange.Redis configuration string in Redis mode, e.g. "localhost:6379".</param>
/// <param name="ClusterId">Orleans cluster id; silos and clients of one cluster share it.</param>
/// <param name="ServiceId">Orleans service id; job records are keyed by it, so keep it across restarts.</param>
/// <param name="GatewayPorts">Development mode: the gateway ports a client tries (every silo on this machine has one);
/// null means the active silos listed in the state folder, or <see cref="DefaultGatewayPort"/> if it lists none.</param>
/// <param name="GiveUpAfter">How long a client keeps retrying while no gateway answers; null means <see cref="DefaultPatience"/>.</param>
/// <param name="StateDirectory">Development mode: the folder the silos of this machine share for membership and job
/// records; null means <see cref="ClusterSilo.DefaultStateDirectory"/>. A client without <paramref name="GatewayPorts"/>
/// reads the gateways there.</param>
public sealed record ClusterConnectionOptions(
    ClusterMode Mode = ClusterMode.Development,
    string RedisConnection = "localhost:6379",
    string ClusterId = "pipeline",
    string ServiceId = "pipeline",
    IReadOnlyList<int>? GatewayPorts = null,
    TimeSpan? GiveUpAfter = null,
    string? StateDirectory = null)
{
    /// <summary>
    /// A client's patience when no gateway answers: longer than a killed silo takes to be declared dead and its job
    /// picked up again (about 10 s), short enough that a user whose cluster is really gone hears it within a minute.
    /// </summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    /// <summary>The patience in force.</summary>
    public TimeSpan Patience => GiveUpAfter ?? DefaultPatience;

    /// <summary>Orleans' default gateway port, the first silo's.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Orleans' default silo-to-silo port, the first silo's.</summary>
    public const int DefaultSiloPort = 11111;

    internal IReadOnlyList<int> Gateways => GatewayPorts is { Count: > 0 } ports ? ports : [DefaultGatewayPort];

    /// <summary>The state folder in force in development mode.</summary>
    public string EffectiveStateDirectory => StateDirectory ?? ClusterSilo.DefaultStateDirectory(this);

    /// <summary>A development client reads its gateways from the state folder: none were given and the silos left a membership table there.</summary>
    internal bool DiscoversGateways => Mode == ClusterMode.Development && GatewayPorts is not { Count: > 0 } && File.Exists(Path.Combine(EffectiveStateDirectory, FileMembershipTableName));

    internal const string FileMembershipTableName = "membership.json";

    internal string Describe() => Mode == ClusterMode.Redis
        ? $"Redis clustering at {RedisConnection} (cluster '{ClusterId}')"
        : DiscoversGateways
            ? $"development clustering through the silos listed in {EffectiveStateDirectory}"
            : $"development clustering on localhost gateway port(s) {string.Join(", ", Gateways)}";
}

/// <summary>A silo of the cluster.</summary>
/// <param name="Connection">How the cluster is found.</param>
/// <param name="SiloPort">Silo-to-silo port; several silos on one machine need distinct ports.</param>
/// <param name="GatewayPort">Client port.</param>
/// <param name="PrimarySiloPort">Development mode, kept for compatibility and no longer used: membership lives in the
/// state folder, so no silo is the one the others join.</param>
/// <param name="Runtime">ONNX Runtime settings of the silo's sessions.</param>
/// <param name="AdvertisedAddress">Redis mode: the address other machines reach this silo at; null picks this machine's.</param>
/// <param name="ModelRoot">Folder that relative model paths of jobs are read from on this silo; null means the working folder.</param>
public sealed record ClusterSiloOptions(
    ClusterConnectionOptions Connection,
    int SiloPort = ClusterConnectionOptions.DefaultSiloPort,
    int GatewayPort = ClusterConnectionOptions.DefaultGatewayPort,
    int PrimarySiloPort = ClusterConnectionOptions.DefaultSiloPort,
    OnnxRuntimeOptions? Runtime = null,
    string? AdvertisedAddress = null,
    string? ModelRoot = null)
{
    /// <summary>Mode, cluster id, ports and where membership lives, for the silo's ready line and its start-up errors.</summary>
    public string Describe() => Connection.Mode == ClusterMode.Redis
        ? $"redis mode at {Connection.RedisConnection}, cluster '{Connection.ClusterId}', silo port {SiloPort}, gateway port {GatewayPort}"
        : $"dev mode, cluster '{Connection.ClusterId}', silo port {SiloPort}, gateway port {GatewayPort}, state folder {Connection.EffectiveStateDirectory}";
}
