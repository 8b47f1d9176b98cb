using Orleans;
using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Hosting;

/// <summary>Submits jobs to the cluster and follows them; what a `cluster run` command wraps.</summary>
/// <example>
/// <code>
/// await using var cluster = await ClusterConnection.ConnectAsync(new ClusterConnectionOptions());
/// var id = await ClusterJobs.SubmitAsync(cluster.Client, JobSpec.Generation("generator.onnx", "out", [0, 1], 500, seed: 1));
/// var done = await ClusterJobs.AttachAsync(cluster.Client, id, new Progress&lt;JobProgress&gt;(p => Console.Write($"\r{p.DoneShards}/{p.TotalShards}")));
/// </code>
/// </example>
public static class ClusterJobs
{
    /// <summary>How often <see cref="AttachAsync"/> asks for progress.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Starts <paramref name="job"/> under <paramref name="jobId"/> (a new id when null) and returns the id.</summary>
    /// <exception cref="ClusterJobException">The job was refused: a bad spec, or a model that does not fit it.</exception>
    public static async Task<string> SubmitAsync(IClusterClient client, JobSpec job, string? jobId = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        jobId ??= $"job-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var progress = await client.GetGrain<IJobGrain>(jobId).SubmitAsync(job).WaitAsync(cancellation);
        if (progress.Phase == JobPhase.Failed)
        {
            throw new ClusterJobException(jobId, progress.Error ?? "refused");
        }

        return jobId;
    }

    /// <summary>The job's progress now (resuming its shards if nothing drives them).</summary>
    /// <exception cref="UnknownJobException">No such job.</exception>
    public static async Task<JobProgress> GetProgressAsync(IClusterClient client, string jobId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return await client.GetGrain<IJobGrain>(jobId).GetProgressAsync().WaitAsync(cancellation)
            ?? throw new UnknownJobException(jobId, "its job storage has no record of it");
    }

    /// <summary>
    /// Follows a job until it finishes, reporting each change of progress. Safe to call from a new client after the
    /// old one died: the job continues (or resumes) in the cluster either way.
    /// </summary>
    /// <exception cref="UnknownJobException">No such job.</exception>
    /// <exception cref="ClusterJobException">The job failed.</exception>
    public static async Task<JobProgress> AttachAsync(IClusterClient client, string jobId, IProgress<JobProgress>? progress = null, TimeSpan? pollInterval = null,
        CancellationToken cancellation = default)
    {
        JobProgress? last = null;
        while (true)
        {
            var now = await GetProgressAsync(client, jobId, cancellation);
            if (last is null || now.DoneShards != last.DoneShards || now.Phase != last.Phase || now.Reissued != last.Reissued)
            {
                progress?.Report(now);
            }

            last = now;
            if (now.Phase == JobPhase.Failed)
            {
                throw new ClusterJobException(jobId, now.Error ?? "failed");
            }

            if (now.Phase == JobPhase.Completed)
            {
                return now;
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval, cancellation);
        }
    }

    /// <summary><see cref="SubmitAsync"/>, then <see cref="AttachAsync"/>.</summary>
    public static async Task<JobProgress> RunAsync(IClusterClient client, JobSpec job, IProgress<JobProgress>? progress = null, string? jobId = null,
        CancellationToken cancellation = default)
    {
        var id = await SubmitAsync(client, job, jobId, cancellation);
        return await AttachAsync(client, id, progress, cancellation: cancellation);
    }
}
