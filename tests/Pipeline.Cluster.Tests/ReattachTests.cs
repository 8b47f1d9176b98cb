using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

/// <summary>A client that dies, or a job activation that is lost, does not lose the job: attaching resumes it.</summary>
public sealed class ReattachTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_new_client_attaches_to_a_job_its_dead_predecessor_submitted()
    {
        var gate = new HoldAllShards();
        var cluster = await TestCluster3.StartAsync(gate);
        await using var _ = cluster;
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("cluster"), [0, 1], countPerLabel: 10, seed: 8) with { ShardSize = 4 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var id = await ClusterJobs.SubmitAsync(cluster.Client, job);
        await gate.Holding.WaitAsync(Patience);
        await cluster.KillClientAsync();
        await cluster.InitializeClientAsync();
        gate.Release();
        var done = await ClusterJobs.AttachAsync(cluster.Client, id).WaitAsync(Patience);

        Assert.Equal(20, done.DoneItems);
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
    }

    [Fact]
    public async Task A_job_whose_activation_was_lost_resumes_from_its_shard_records()
    {
        var gate = new HoldAllShards();
        var cluster = await TestCluster3.StartAsync(gate);
        await using var _ = cluster;
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("cluster"), [2], countPerLabel: 12, seed: 9) with { ShardSize = 2 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var id = await ClusterJobs.SubmitAsync(cluster.Client, job);
        await gate.Holding.WaitAsync(Patience);
        await cluster.DeactivateAsync(cluster.Client.GetGrain<IJobGrain>(id));
        gate.Release();
        var done = await ClusterJobs.AttachAsync(cluster.Client, id).WaitAsync(Patience);

        Assert.Equal(6, done.DoneShards);
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
    }

    public void Dispose() => _temp.Dispose();
}
