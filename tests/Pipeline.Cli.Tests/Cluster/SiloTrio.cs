using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cli.Tests.Cluster;

/// <summary>
/// Three `pipeline cluster silo` processes of one cluster (dev mode sharing a state folder, or Redis mode), started
/// together, with a library client for watching jobs from the test and the options a CLI client verb needs.
/// </summary>
internal sealed class SiloTrio : IAsyncDisposable
{
    private readonly ClusterConnectionOptions _connection;

    private SiloTrio(SiloProcess[] silos, ClusterConnectionOptions connection, string[] clientArgs)
    {
        Silos = silos;
        _connection = connection;
        ClientArgs = clientArgs;
    }

    public IReadOnlyList<SiloProcess> Silos { get; }

    /// <summary>What `cluster run` and `cluster status` need to reach these silos.</summary>
    public string[] ClientArgs { get; }

    public static Task<SiloTrio> DevAsync(string stateDirectory)
    {
        var clusterId = "cli-trio-" + Guid.NewGuid().ToString("N")[..6];
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Dev(clusterId, stateDirectory)).ToArray();
        // No gateway ports: clients find the silos in the state folder, as a user's `cluster run --state-dir` does.
        return StartAsync(silos, new ClusterConnectionOptions(ClusterId: clusterId, StateDirectory: stateDirectory),
            ["--cluster-id", clusterId, "--state-dir", stateDirectory]);
    }

    public static Task<SiloTrio> RedisAsync(string redis, string clusterId)
    {
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Redis(redis, clusterId)).ToArray();
        return StartAsync(silos, new ClusterConnectionOptions(ClusterMode.Redis, redis, clusterId, clusterId),
            ["--mode", "redis", "--redis", redis, "--cluster-id", clusterId, "--service-id", clusterId]);
    }

    /// <summary>Waits until job <paramref name="jobId"/> has at least <paramref name="shards"/> shards done; returns that progress.</summary>
    public async Task<JobProgress> WaitForShardsAsync(string jobId, int shards)
    {
        await using var client = await ClusterConnection.ConnectAsync(_connection);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            try
            {
                var progress = await ClusterJobs.GetProgressAsync(client, jobId, patience.Token);
                if (progress.DoneShards >= shards || progress.IsFinished)
                {
                    return progress;
                }
            }
            catch (UnknownJobException)
            {
                // Not submitted yet.
            }

            await Task.Delay(50, patience.Token);
        }
    }

    /// <summary>The silo named <paramref name="name"/> (a job's driver, a shard's worker).</summary>
    public SiloProcess Named(string name) => Silos.Single(s => s.Name == name);

    /// <summary>Everything the silos printed, for failure messages.</summary>
    public string Output => string.Join("\n", Silos.Select((s, i) => $"--- silo {i} ({s.Name}):\n{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task<SiloTrio> StartAsync(SiloProcess[] silos, ClusterConnectionOptions connection, string[] clientArgs)
    {
        var trio = new SiloTrio(silos, connection, clientArgs);
        try
        {
            await Task.WhenAll(silos.Select(s => s.InitializeAsync()));
            return trio;
        }
        catch
        {
            await trio.DisposeAsync();
            throw;
        }
    }
}
