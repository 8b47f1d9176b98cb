using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Grains;

/// <summary>
/// An optional silo service the worker awaits before each shard (none is registered in production). Tests use it to
/// hold shards on a silo until that silo is stopped, which makes "a silo stops mid-job" happen without timing.
/// </summary>
internal interface IShardGate
{
    Task EnterAsync(string silo, JobSpec job, int shard, CancellationToken siloStopping);
}
