using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

/// <summary>Silos that stop mid-job or cannot load the model: the job completes on the others, every output once.</summary>
public sealed class SiloFailureTests : IDisposable
{
    /// <summary>Guards against a hang only; nothing here is timed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_silo_stopped_mid_job_has_its_shards_rerun_elsewhere_and_every_output_appears_once()
    {
        var gate = new HoldShardsOnSilo();
        var cluster = await TestCluster3.StartAsync(gate);
        await using var _ = cluster;
        var victim = cluster.Silos[1];
        gate.Victim = victim.Name;
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("cluster"), [0, 1, 2], countPerLabel: 20, seed: 4) with { ShardSize = 3 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var id = await ClusterJobs.SubmitAsync(cluster.Client, job);
        await gate.Holding.WaitAsync(Patience);
        await cluster.StopSiloAsync(victim);
        var done = await ClusterJobs.AttachAsync(cluster.Client, id).WaitAsync(Patience);

        Assert.Equal(20, done.DoneShards);
        Assert.DoesNotContain(victim.Name, done.ShardsPerSilo.Keys);
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
    }

    [Fact]
    public async Task A_silo_killed_mid_job_is_declared_dead_and_its_shards_rerun_elsewhere()
    {
        var gate = new HoldShardsOnSilo();
        var cluster = await TestCluster3.StartAsync(gate);
        await using var _ = cluster;
        var victim = cluster.Silos[2];
        gate.Victim = victim.Name;
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("cluster"), [1, 2], countPerLabel: 15, seed: 5) with { ShardSize = 3 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var id = await ClusterJobs.SubmitAsync(cluster.Client, job);
        await gate.Holding.WaitAsync(Patience);
        await cluster.KillSiloAsync(victim);
        var done = await ClusterJobs.AttachAsync(cluster.Client, id).WaitAsync(Patience);

        Assert.Equal(10, done.DoneShards);
        Assert.DoesNotContain(victim.Name, done.ShardsPerSilo.Keys);
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
    }

    [Fact]
    public async Task A_silo_without_the_model_refuses_and_the_others_do_the_job()
    {
        var models = Directory.CreateDirectory(_temp.File("models")).FullName;
        var empty = Directory.CreateDirectory(_temp.File("empty")).FullName;
        var generator = Path.GetFileName(ClusterTinyModels.Generator(models));
        var configured = 0;
        string? refusing = null;
        var cluster = await TestCluster3.StartAsync(modelRootOf: name =>
        {
            if (Interlocked.Increment(ref configured) != 3)
            {
                return models;
            }

            refusing = name;
            return empty;
        });
        await using var _ = cluster;
        var job = JobSpec.Generation(generator, _temp.File("cluster"), [2], countPerLabel: 30, seed: 6) with { ShardSize = 2 };
        LocalJobRunner.Run(job with { ModelFile = Path.Combine(models, generator), OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var done = await ClusterJobs.RunAsync(cluster.Client, job).WaitAsync(Patience);

        Assert.NotNull(refusing);
        Assert.DoesNotContain(refusing, done.ShardsPerSilo.Keys);
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
    }

    public void Dispose() => _temp.Dispose();
}
