using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

/// <summary>Jobs on three silos give what the single-process path gives; bad jobs fail with clear messages.</summary>
public sealed class ClusterJobTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_generation_job_writes_exactly_what_the_single_process_path_writes()
    {
        // The committed class-conditional GAN: 3 classes × 24 images in 9 shards of 8.
        var job = JobSpec.Generation(RepositoryFiles.Path("onnx", "cgan-fashion28", "generator.onnx"), _temp.File("cluster"), [0, 3, 7], countPerLabel: 24, seed: 11)
            with { ShardSize = 8, BatchSize = 4 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var done = await ClusterJobs.RunAsync(fixture.Cluster.Client, job);

        Assert.Equal((9, 9, 72), (done.TotalShards, done.DoneShards, done.DoneItems));
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
        // Random placement puts 9 shards on one silo with probability 3 / 3⁹ ≈ 1.5e-4.
        Assert.True(done.ShardsPerSilo.Count >= 2, $"shards per silo: {string.Join(", ", done.ShardsPerSilo)}");
    }

    [Fact]
    public async Task A_translation_job_writes_exactly_what_the_single_process_path_writes()
    {
        var sources = TestImages.WritePngs(_temp.File("sources"), count: 10, size: 4, seed: 3);
        var job = JobSpec.Translation(ClusterTinyModels.Translator(_temp.Path), _temp.File("cluster"), sources) with { ShardSize = 3 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);

        var done = await ClusterJobs.RunAsync(fixture.Cluster.Client, job);

        Assert.Equal(10, done.DoneItems);
        OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
        Assert.True(File.Exists(_temp.File("cluster", "source-009.png")));
    }

    [Fact]
    public async Task A_model_whose_role_does_not_fit_is_refused_at_submission()
    {
        var job = JobSpec.Translation(ClusterTinyModels.Generator(_temp.Path), _temp.File("out"), [_temp.File("a.png")]);

        var error = await Assert.ThrowsAsync<ClusterJobException>(() => ClusterJobs.SubmitAsync(fixture.Cluster.Client, job));

        Assert.Contains("role", error.Message);
        Assert.Contains("'translator'", error.Message);
    }

    [Fact]
    public async Task A_model_missing_on_every_silo_fails_the_job_naming_the_file()
    {
        var missing = _temp.File("missing.onnx");
        var job = JobSpec.Generation(missing, _temp.File("out"), [0], countPerLabel: 4, seed: 1) with { ShardSize = 2 };

        var error = await Assert.ThrowsAsync<ClusterJobException>(() => ClusterJobs.RunAsync(fixture.Cluster.Client, job));

        Assert.Contains("No silo can load the model", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task An_unknown_job_id_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<UnknownJobException>(() => ClusterJobs.AttachAsync(fixture.Cluster.Client, "no-such-job"));

        Assert.Contains("'no-such-job'", error.Message);
    }

    [Fact]
    public async Task Submitting_the_same_job_twice_runs_it_once()
    {
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("out"), [1], countPerLabel: 6, seed: 2) with { ShardSize = 3 };

        var first = await ClusterJobs.SubmitAsync(fixture.Cluster.Client, job, "twice");
        var second = await ClusterJobs.SubmitAsync(fixture.Cluster.Client, job, "twice");
        var done = await ClusterJobs.AttachAsync(fixture.Cluster.Client, second);

        Assert.Equal(first, second);
        Assert.Equal(6, done.DoneItems);
        await Assert.ThrowsAsync<ClusterJobException>(() => ClusterJobs.SubmitAsync(fixture.Cluster.Client, job with { Seed = 3 }, "twice"));
    }

    public void Dispose() => _temp.Dispose();
}
