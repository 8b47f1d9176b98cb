using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

public sealed class JobProgressTests
{
    private static readonly JobProgress Running = new()
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

    [Fact]
    public void Describes_shards_images_silos_and_reissues_on_one_line()
    {
        Assert.Equal("running: 12/40 shards, 3072/10240 images; per silo: a 5, b 7; re-issued 1", Running.Describe());
    }

    [Fact]
    public void A_progress_bar_label_names_shards_per_silo_the_rate_and_reissues()
    {
        Assert.Equal("12/40 shards (a 5, b 7), 830 img/s, re-issued 1", Running.Describe(830.2));
        Assert.Equal("0/40 shards, 0 img/s", (Running with { DoneShards = 0, Reissued = 0, ShardsPerSilo = new Dictionary<string, int>() }).Describe(0));
    }
}
