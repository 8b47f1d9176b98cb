using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Grains;

/// <summary>
/// One attempt at one shard, keyed "job/shard/attempt" and placed at random: this is what spreads shards over silos
/// (a stateless worker always runs on its caller's silo), and a re-issued shard gets a fresh key, so a fresh placement.
/// </summary>
[Alias("Pipeline.Cluster.IShardGrain")]
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>Runs the shard on this silo's inference worker.</summary>
    /// <remarks>Orleans' default 30 s response timeout would declare a large shard of a large model lost while it
    /// still runs (and run it twice); a dead silo is detected by membership long before this limit.</remarks>
    [Alias("Run")]
    [ResponseTimeout("00:30:00")]
    Task<ShardResult> RunAsync(JobSpec job, int shard);
}
