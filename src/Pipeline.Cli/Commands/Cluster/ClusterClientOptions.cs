using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Cluster.Hosting;

namespace Pipeline.Cli.Commands.Cluster;

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
