using Pipeline.Cluster.Hosting;
using Pipeline.MLNet;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary>
/// <c>cluster silo</c>: runs one silo of the cluster (inference, shard and job grains) until Ctrl+C or SIGTERM, then
/// stops gracefully: running shards are handed back and re-run on the other silos.
/// </summary>
internal static class ClusterSiloCommand
{
    public static Command Create()
    {
        var command = new Command("silo", "Start a silo that runs batch jobs on exported ONNX models; Ctrl+C stops it, handing its shards to the other silos.");
        var finding = new ClusterFindingOptions();
        var siloPort = ClusterFindingOptions.Port("--silo-port", ClusterConnectionOptions.DefaultSiloPort, "silo-to-silo port; silos on one machine need distinct ones");
        var gatewayPort = ClusterFindingOptions.Port("--gateway-port", ClusterConnectionOptions.DefaultGatewayPort, "port clients connect to; distinct per silo on one machine");
        var primaryPort = ClusterFindingOptions.Port("--primary-port", ClusterConnectionOptions.DefaultSiloPort, "dev mode: accepted for compatibility, not needed: membership lives in the state folder, so no silo is special");
        var advertise = new Setting<string?>("--advertise", "redis mode: the IP address other machines reach this silo at (default: this machine's first IPv4 address)") { Rule = IpAddress }.ToOption();
        var modelRoot = new Setting<string?>("--model-root", "folder that relative model paths of jobs are read from on this silo (default: the working folder)") { Rule = ExistingFolder }.ToOption();
        var threads = new Setting<int>("--threads", "ONNX Runtime intra-op threads per session (0: one per core)") { Default = 0, Rule = AtLeast(0) }.ToOption();
        var verbose = new Setting<bool>("--verbose", "show Orleans' information logs, not only warnings").ToOption();
        finding.AddTo(command);
        command.AddOptions(siloPort, gatewayPort, primaryPort, advertise, modelRoot, threads, verbose);
        command.Validators.Add(result =>
        {
            var redis = result.GetValue(finding.Mode) == "redis";
            if (redis && result.GetResult(primaryPort) is { Implicit: false })
            {
                result.AddError("--primary-port applies to --mode dev only: in redis mode silos find each other through Redis.");
            }

            if (!redis && result.GetResult(advertise) is { Implicit: false })
            {
                result.AddError("--advertise applies to --mode redis only: dev mode listens on localhost.");
            }

            // A command validator sees no default values, so an option not typed counts as its default here.
            int Port(Option<int> option, int fallback) => result.GetResult(option) is { Implicit: false } ? result.GetValue(option) : fallback;
            var ports = (Silo: Port(siloPort, ClusterConnectionOptions.DefaultSiloPort), Gateway: Port(gatewayPort, ClusterConnectionOptions.DefaultGatewayPort));
            if (ports.Silo == ports.Gateway)
            {
                result.AddError($"--silo-port and --gateway-port must differ, both are {ports.Silo}.");
            }
        });
        command.SetAction(r => Terminal.Guard(() => ClusterErrors.Guard(() =>
        {
            var options = new ClusterSiloOptions(finding.ToConnection(r), r.GetValue(siloPort), r.GetValue(gatewayPort), r.GetValue(primaryPort),
                OnnxRuntimeOptions.Default with { IntraOpThreads = r.GetValue(threads) }, r.GetValue(advertise), r.GetValue(modelRoot) is { } root ? Path.GetFullPath(root) : null);
            SiloService.RunAsync(options, r.GetValue(verbose), Terminal.Notes).GetAwaiter().GetResult();
            return 0;
        })));
        return command;
    }
}
