using Orleans.Placement;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Grains;

/// <summary>One shard attempt, placed on a random silo; it hands the shard to that silo's inference worker.</summary>
[RandomPlacement]
internal sealed class ShardGrain : Grain, IShardGrain
{
    public async Task<ShardResult> RunAsync(JobSpec job, int shard)
    {
        try
        {
            return await GrainFactory.GetGrain<IInferenceGrain>(job.ModelFile).RunShardAsync(job, shard);
        }
        finally
        {
            // An attempt runs once; its activation has nothing left to do.
            DeactivateOnIdle();
        }
    }
}
