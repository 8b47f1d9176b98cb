using Pipeline.Cluster.Jobs;
using Pipeline.Cluster.Tests;

namespace Pipeline.Cli.Tests.Cluster;

/// <summary>`cluster silo --mode redis` and `cluster run --mode redis`: a job outlives its silo and is resumed by id.</summary>
[Collection(nameof(CliSmokeTests))]
public sealed class RedisClusterCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [RedisFact]
    public async Task A_job_outlives_its_only_silo_and_a_new_silo_finishes_it_when_the_client_reattaches()
    {
        // Given a throw-away redis-server, a Redis-mode silo, and the single-process reference
        using var redis = new RedisServer();
        var clusterId = "cli-redis-" + Guid.NewGuid().ToString("N")[..6];
        string[] cluster = ["--mode", "redis", "--redis", redis.Connection, "--cluster-id", clusterId, "--service-id", clusterId];
        var cgan = Path.Combine(ClusterCliTestsRepository.Root, "onnx", "cgan-fashion28");
        var local = _temp.File("local");
        LocalJobRunner.Run(JobSpec.Generation(Path.Combine(cgan, "generator.onnx"), local, [1, 4], countPerLabel: 12, seed: 3) with { ShardSize = 4 });
        var output = _temp.File("cluster");

        // When the job is submitted, its silo is stopped (every silo of the cluster), and a new silo starts
        var first = SiloProcess.Redis(redis.Connection, clusterId);
        await first.InitializeAsync();
        var (submitted, submitText) = CliOutput.Run(["cluster", "run", "--model", cgan, "--count", "12", "--labels", "1", "4", "--seed", "3", "--shard-size", "4",
            "--out", output, "--job", "redis-job", "--detach", .. cluster]);
        await first.DisposeAsync();
        var second = SiloProcess.Redis(redis.Connection, clusterId);
        await second.InitializeAsync();
        try
        {
            var (followed, followText) = CliOutput.Run(["cluster", "run", "--job", "redis-job", .. cluster]);

            // Then the new cluster knew the job from Redis and finished it with the single-process path's bytes
            Assert.True(submitted == 0, submitText);
            Assert.True(followed == 0, followText + "\nfirst silo:\n" + first.Output + "\nsecond silo:\n" + second.Output);
            Assert.Contains("attached", followText);
            Assert.Contains("completed: 6/6 shards, 24/24 images", followText);
            var names = Directory.GetFiles(local, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(local, f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(24, names.Length);
            Assert.Equal(names, Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal));
            Assert.All(names, n => Assert.Equal(File.ReadAllBytes(Path.Combine(local, n)), File.ReadAllBytes(Path.Combine(output, n))));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();
}
