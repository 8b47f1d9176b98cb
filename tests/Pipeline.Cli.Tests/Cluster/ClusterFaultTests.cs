using Pipeline.Cluster.Jobs;
using Pipeline.Cluster.Tests;
using StackExchange.Redis;

namespace Pipeline.Cli.Tests.Cluster;

/// <summary>
/// Three real silo processes, one killed with SIGKILL mid-job: the job finishes by itself with exactly the files of a
/// fault-free run, and the client never shows a stack trace. Long tests: each starts three silos and runs a job of
/// 4,000 images in 125 shards.
/// </summary>
[Collection(nameof(CliSmokeTests))]
[Trait("Duration", "Long")]
public sealed class ClusterFaultTests(FaultReference reference) : IClassFixture<FaultReference>, IDisposable
{
    /// <summary>10 classes × 400 images in shards of 32: 125 shards, several seconds of work on three silos.</summary>
    public const int PerClass = 400;
    public const int ShardSize = 32;
    public const int Seed = 11;
    private const int Shards = (10 * PerClass + ShardSize - 1) / ShardSize;

    /// <summary>Shards done before the kill: the job is under way, far from finished.</summary>
    private const int KillAfter = 8;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _temp = new();

    public static string Cgan => Path.Combine(ClusterCliTestsRepository.Root, "onnx", "cgan-fashion28");

    /// <summary>Each silo in turn: whichever holds the job grain is among them, so the job's own driver is killed in one case.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_watched_job_finishes_with_the_files_of_a_fault_free_run_when_a_silo_is_killed_mid_job(int victim)
    {
        // Given three dev-mode silos sharing a state folder, and the single-process reference
        await using var trio = await SiloTrio.DevAsync(_temp.File("state"));
        var local = reference.Folder;
        var output = _temp.File("cluster");

        // When `cluster run` follows the job and silo `victim` is killed a few shards in
        var run = Task.Run(() => CliOutput.Run(["cluster", "run", .. Job(output, "fault-" + victim), .. trio.ClientArgs]));
        var before = await trio.WaitForShardsAsync("fault-" + victim, KillAfter);
        await trio.Silos[victim].KillAsync();
        var (code, text) = await run.WaitAsync(Patience);

        // Then the client rode through to the end, and the files are the reference's
        var context = $"killed silo {victim} ({trio.Silos[victim].Name}; job driven by {before.Driver}, {before.DoneShards} shards done)\n{text}\n{trio.Output}";
        Assert.True(code == 0, context);
        Assert.Contains($"completed: {Shards}/{Shards} shards", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        OutputFolders.AssertSame(local, output);
    }

    [Fact]
    public async Task A_detached_job_whose_driving_silo_is_killed_finishes_with_no_client_attached()
    {
        // Given three dev-mode silos and a job submitted with --detach
        var state = _temp.File("state");
        await using var trio = await SiloTrio.DevAsync(state);
        var local = reference.Folder;
        var output = _temp.File("cluster");
        var (submitted, submitText) = CliOutput.Run(["cluster", "run", .. Job(output, "unwatched"), "--detach", .. trio.ClientArgs]);

        // When the silo driving it is killed, and nobody asks about the job
        var before = await trio.WaitForShardsAsync("unwatched", KillAfter);
        await trio.Named(before.Driver!).KillAsync();
        var finished = await Until(() => Directory.GetFiles(Path.Combine(state, "running")).Length == 0);

        // Then the job was taken up again and finished by itself, with the reference's files
        Assert.True(submitted == 0, submitText);
        Assert.True(finished, $"the job did not finish unwatched within {Patience}\n{trio.Output}");
        OutputFolders.AssertSame(local, output);
        var (status, statusText) = CliOutput.Run(["cluster", "status", "--job", "unwatched", .. trio.ClientArgs]);
        Assert.True(status == 0, statusText);
        Assert.Contains($"completed: {Shards}/{Shards} shards", statusText);
    }

    [RedisFact]
    public async Task In_redis_mode_a_detached_job_whose_driving_silo_is_killed_finishes_with_no_client_attached()
    {
        // Given a throw-away redis-server, three Redis-mode silos and a job submitted with --detach
        using var redis = new RedisServer();
        var clusterId = "cli-redis-trio-" + Guid.NewGuid().ToString("N")[..6];
        await using var trio = await SiloTrio.RedisAsync(redis.Connection, clusterId);
        var local = reference.Folder;
        var output = _temp.File("cluster");
        var (submitted, submitText) = CliOutput.Run(["cluster", "run", .. Job(output, "redis-unwatched"), "--detach", .. trio.ClientArgs]);

        // When the silo driving it is killed, and nobody asks about the job
        var before = await trio.WaitForShardsAsync("redis-unwatched", KillAfter);
        await trio.Named(before.Driver!).KillAsync();
        using var database = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        // The set the job grains keep of running jobs (RedisRunningJobs): empty once the job completed.
        var running = (RedisKey)$"pipeline/{clusterId}/running-jobs";
        var finished = await Until(() => database.GetDatabase().SetLength(running) == 0);

        // Then the job finished by itself with the reference's files
        Assert.True(submitted == 0, submitText);
        Assert.True(finished, $"the job did not finish unwatched within {Patience}\n{trio.Output}");
        OutputFolders.AssertSame(local, output);
    }

    public void Dispose() => _temp.Dispose();

    private static string[] Job(string output, string id) =>
        ["--model", Cgan, "--count", PerClass.ToString(), "--seed", Seed.ToString(), "--shard-size", ShardSize.ToString(), "--out", output, "--job", id];

    private static async Task<bool> Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}

/// <summary>The fault-free files, made once for all the fault tests: the single-process path, which writes what an undisturbed cluster writes.</summary>
public sealed class FaultReference : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FaultReference()
    {
        LocalJobRunner.Run(JobSpec.Generation(Path.Combine(ClusterFaultTests.Cgan, "generator.onnx"), Folder, Enumerable.Range(0, 10).ToArray(), ClusterFaultTests.PerClass,
            ClusterFaultTests.Seed) with { ShardSize = ClusterFaultTests.ShardSize });
    }

    public string Folder => _temp.File("local");

    public void Dispose() => _temp.Dispose();
}

/// <summary>Two output folders hold the same files, byte for byte, and no temp file.</summary>
internal static class OutputFolders
{
    public static void AssertSame(string expected, string actual)
    {
        var names = Names(expected);
        Assert.NotEmpty(names);
        Assert.Equal(names, Names(actual));
        Assert.All(names, n => Assert.True(File.ReadAllBytes(Path.Combine(expected, n)).SequenceEqual(File.ReadAllBytes(Path.Combine(actual, n))), $"{n} differs"));
    }

    private static string[] Names(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
}
