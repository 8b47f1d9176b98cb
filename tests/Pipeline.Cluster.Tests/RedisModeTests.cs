using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

/// <summary>The persistent mode on a real redis-server: job records outlive every silo.</summary>
public sealed class RedisModeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _temp = new();

    [RedisFact]
    public async Task Shard_records_survive_a_full_cluster_restart_and_the_job_completes()
    {
        using var redis = new RedisServer();
        var connection = new ClusterConnectionOptions(ClusterMode.Redis, redis.Connection, ClusterId: "redis-test", ServiceId: "redis-test");
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("cluster"), [0, 2], countPerLabel: 8, seed: 12) with { ShardSize = 2 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        // First cluster: two silos run 3 of the 8 shards, then every silo stops.
        string id;
        var first = await StartSilosAsync(connection, 2, new PassThenHold(3));
        await using (var client = await ClusterConnection.ConnectAsync(connection))
        {
            id = await ClusterJobs.SubmitAsync(client.Client, job);
            while ((await ClusterJobs.GetProgressAsync(client.Client, id)).DoneShards < 3)
            {
                await Task.Delay(50);
            }
        }

        await StopAsync(first);

        // Second cluster, new silos: the records are read back from Redis and only the rest is run.
        var second = await StartSilosAsync(connection, 2, gate: null);
        try
        {
            await using var client = await ClusterConnection.ConnectAsync(connection);
            var resumed = await ClusterJobs.GetProgressAsync(client.Client, id);
            var done = await ClusterJobs.AttachAsync(client.Client, id).WaitAsync(Patience);

            Assert.Equal(3, resumed.DoneShards);
            Assert.Equal(8, done.DoneShards);
            OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
        }
        finally
        {
            await StopAsync(second);
        }
    }

    private static async Task<IHost[]> StartSilosAsync(ClusterConnectionOptions connection, int count, IShardGate? gate)
    {
        var hosts = Enumerable.Range(0, count).Select(_ => ClusterSilo.Build(
            new ClusterSiloOptions(connection, FreePort.Next(), FreePort.Next(), Runtime: TestCluster3.Runtime, AdvertisedAddress: "127.0.0.1"),
            silo =>
            {
                if (gate is not null)
                {
                    silo.Services.AddSingleton(gate);
                }
            })).ToArray();
        foreach (var host in hosts)
        {
            await host.StartAsync();
        }

        return hosts;
    }

    private static async Task StopAsync(IHost[] hosts)
    {
        foreach (var host in hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    public void Dispose() => _temp.Dispose();
}
