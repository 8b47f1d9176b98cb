using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Grains;

/// <summary>A batch job, keyed by job id, with its shard records in persistent grain state.</summary>
[Alias("Pipeline.Cluster.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job (or, for the same spec again, returns its progress: a client may resubmit safely).</summary>
    [Alias("Submit")]
    Task<JobProgress> SubmitAsync(JobSpec job);

    /// <summary>The job's progress, resuming its shards if no activation is driving them; null for an unknown id.</summary>
    [Alias("Progress")]
    Task<JobProgress?> GetProgressAsync();
}
