using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Grains;

/// <summary>Runs shards of jobs on the silo it lives on. Keyed by model file; a stateless worker, so it is local to its caller.</summary>
[Alias("Pipeline.Cluster.IInferenceGrain")]
public interface IInferenceGrain : IGrainWithStringKey
{
    /// <summary>Loads the model (once per silo) and checks that it fits <paramref name="job"/>.</summary>
    [Alias("Check")]
    Task<ShardResult> CheckAsync(JobSpec job);

    /// <summary>Runs shard <paramref name="shard"/> of <paramref name="job"/>.</summary>
    [Alias("RunShard")]
    [ResponseTimeout("00:30:00")]
    Task<ShardResult> RunShardAsync(JobSpec job, int shard);
}
