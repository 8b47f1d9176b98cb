using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

public sealed class JobProgressTests
{
    [Fact]
    public void Describes_shards_images_silos_and_reissues_on_one_line()
    {
        var progress = new JobProgress
        {
            JobId = "j",
            Phase = JobPhase.Running,
            TotalShards = 40,
            DoneShards = 12,
            TotalItems = 10240,
            DoneItems = 3072,
            Reissued = 1,
            ShardsPerSilo = new Dictionary<string, int> { ["b"] = 7, ["a"] = 5 },
        };

        Assert.Equal("running: 12/40 shards, 3072/10240 images; per silo: a 5, b 7; re-issued 1", progress.Describe());
    }

    [Fact]
    public void A_progress_bar_label_names_shards_per_silo_the_rate_and_reissues()
    {
        var progress = new JobProgress
        {
            JobId = "j",
            Phase = JobPhase.Running,
            TotalShards = 40,
            DoneShards = 12,
            Reissued = 1,
            ShardsPerSilo = new Dictionary<string, int> { ["b"] = 7, ["a"] = 5 },
        };

        Assert.Equal("12/40 shards (a 5, b 7), 830 img/s, re-issued 1", progress.Describe(830.2));
        Assert.Equal("0/40 shards, 0 img/s", (progress with { DoneShards = 0, Reissued = 0, ShardsPerSilo = new Dictionary<string, int>() }).Describe(0));
    }
}
