using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Hosting;

/// <summary>
/// Submits jobs to the cluster and follows them; what a `cluster run` command wraps. The overloads that take a
/// <see cref="ClusterConnection"/> retry through the loss of silos; those that take a client make one attempt per call.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await ClusterConnection.ConnectAsync(new ClusterConnectionOptions());
/// var id = await ClusterJobs.SubmitAsync(cluster, JobSpec.Generation("generator.onnx", "out", [0, 1], 500, seed: 1));
/// var done = await ClusterJobs.AttachAsync(cluster, id, new Progress&lt;JobProgress&gt;(p => Console.Write($"\r{p.DoneShards}/{p.TotalShards}")));
/// </code>
/// </example>
public static class ClusterJobs
{
    /// <summary>How often AttachAsync asks for progress.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>A fresh job id, e.g. job-20261207-142233-3fa9c1: the time it was made and six random hex digits.</summary>
    public static string NewJobId() => $"job-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Starts <paramref name="job"/> under <paramref name="jobId"/> (a new id when null) and returns the id.</summary>
    /// <exception cref="ClusterJobException">The job was refused: a bad spec, or a model that does not fit it.</exception>
    public static Task<string> SubmitAsync(IClusterClient client, JobSpec job, string? jobId = null, CancellationToken cancellation = default) =>
        SubmitAsync(Direct(client), job, jobId, cancellation);

    /// <summary>
    /// <see cref="SubmitAsync(IClusterClient, JobSpec, string?, CancellationToken)"/> through a connection that retries
    /// through lost silos; resubmitting is safe because a job id with the same spec answers with its progress.
    /// </summary>
    /// <exception cref="ClusterUnreachableException">No gateway answered for the connection's patience.</exception>
    public static Task<string> SubmitAsync(ClusterConnection cluster, JobSpec job, string? jobId = null, CancellationToken cancellation = default) =>
        SubmitAsync((IClusterCalls)cluster, job, jobId, cancellation);

    /// <summary>The job's progress now (resuming its shards if nothing drives them).</summary>
    /// <exception cref="UnknownJobException">No such job.</exception>
    public static Task<JobProgress> GetProgressAsync(IClusterClient client, string jobId, CancellationToken cancellation = default) =>
        GetProgressAsync(Direct(client), jobId, cancellation);

    /// <summary><see cref="GetProgressAsync(IClusterClient, string, CancellationToken)"/>, retrying through lost silos.</summary>
    /// <exception cref="UnknownJobException">No such job.</exception>
    /// <exception cref="ClusterUnreachableException">No gateway answered for the connection's patience.</exception>
    public static Task<JobProgress> GetProgressAsync(ClusterConnection cluster, string jobId, CancellationToken cancellation = default) =>
        GetProgressAsync((IClusterCalls)cluster, jobId, cancellation);

    /// <summary>
    /// Follows a job until it finishes, reporting each change of progress. Safe to call from a new client after the
    /// old one died: the job continues (or resumes) in the cluster either way.
    /// </summary>
    /// <exception cref="UnknownJobException">No such job.</exception>
    /// <exception cref="ClusterJobException">The job failed.</exception>
    public static Task<JobProgress> AttachAsync(IClusterClient client, string jobId, IProgress<JobProgress>? progress = null, TimeSpan? pollInterval = null,
        CancellationToken cancellation = default) =>
        AttachAsync(Direct(client), jobId, progress, pollInterval, cancellation);

    /// <summary><see cref="AttachAsync(IClusterClient, string, IProgress{JobProgress}?, TimeSpan?, CancellationToken)"/>, riding through lost silos.</summary>
    /// <exception cref="UnknownJobException">No such job.</exception>
    /// <exception cref="ClusterJobException">The job failed.</exception>
    /// <exception cref="ClusterUnreachableException">No gateway answered for the connection's patience.</exception>
    public static Task<JobProgress> AttachAsync(ClusterConnection cluster, string jobId, IProgress<JobProgress>? progress = null, TimeSpan? pollInterval = null,
        CancellationToken cancellation = default) =>
        AttachAsync((IClusterCalls)cluster, jobId, progress, pollInterval, cancellation);

    private static async Task<string> SubmitAsync(IClusterCalls calls, JobSpec job, string? jobId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        var id = jobId ?? NewJobId();
        var progress = await calls.CallAsync(c => c.GetGrain<IJobGrain>(id).SubmitAsync(job), cancellation);
        if (progress.Phase == JobPhase.Failed)
        {
            throw new ClusterJobException(id, progress.Error ?? "refused");
        }

        return id;
    }

    private static async Task<JobProgress> GetProgressAsync(IClusterCalls calls, string jobId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return await calls.CallAsync(c => c.GetGrain<IJobGrain>(jobId).GetProgressAsync(), cancellation)
            ?? throw new UnknownJobException(jobId, "its job storage has no record of it");
    }

    private static async Task<JobProgress> AttachAsync(IClusterCalls calls, string jobId, IProgress<JobProgress>? progress, TimeSpan? pollInterval,
        CancellationToken cancellation)
    {
        JobProgress? last = null;
        while (true)
        {
            var now = await GetProgressAsync(calls, jobId, cancellation);
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

    private static DirectCalls Direct(IClusterClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new DirectCalls(client);
    }

    /// <summary>SubmitAsync, then AttachAsync, one attempt per call.</summary>
    public static async Task<JobProgress> RunAsync(IClusterClient client, JobSpec job, IProgress<JobProgress>? progress = null, string? jobId = null,
        CancellationToken cancellation = default)
    {
        var id = await SubmitAsync(client, job, jobId, cancellation);
        return await AttachAsync(client, id, progress, cancellation: cancellation);
    }
}
