using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Inference;
using Pipeline.Cluster.Jobs;
using Pipeline.Cluster.State;

namespace Pipeline.Cluster.Grains;

/// <summary>
/// Splits a job into shards, keeps a few in flight on random silos, records each completion in persistent state and
/// issues lost shards again, until every shard is done. Re-entrant so that progress queries are answered while shards
/// run; every state change happens in the grain's own turns. A running job is listed in <see cref="IRunningJobs"/>,
/// and every silo's <see cref="JobDriver"/> asks it for progress every few seconds: a new activation (after its silo
/// died, or the cluster restarted) resumes from the records whether or not a client watches. An activation whose
/// silo is stopping, or which is being deactivated, stops issuing shards and leaves the job running for its
/// successor: it must not fail the job on shards that its own stopping cluster hands back.
/// </summary>
[Reentrant]
internal sealed class JobGrain(
    [PersistentState("job", ClusterSilo.JobStorage)] IPersistentState<JobState> state,
    IRunningJobs running,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    /// <summary>A shard that failed this many times (errors, lost calls; not hand-backs or refusals) fails the job.</summary>
    private const int MaxAttempts = 8;

    /// <summary>Pause before re-issuing a handed-back shard, so that membership can see the stopping silo go.</summary>
    private static readonly TimeSpan HandBackPause = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _deactivating = new();
    private Task? _drive;
    private bool _submitting;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        if (state.State.Phase == JobPhase.Running)
        {
            // Listed again in case the activation that submitted it died between its two writes.
            await running.AddAsync(this.GetPrimaryKeyString());
            StartDriving();
        }
        else
        {
            await running.RemoveAsync(this.GetPrimaryKeyString());
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    public async Task<JobProgress> SubmitAsync(JobSpec job)
    {
        if (state.RecordExists || _submitting)
        {
            return Equals(state.State.Spec, job) || _submitting
                ? Progress()
                : Failed($"Job '{this.GetPrimaryKeyString()}' already exists with another spec; use a new job id.");
        }

        try
        {
            job.Validate();
        }
        catch (ArgumentException ex)
        {
            return Failed(ex.Message);
        }

        _submitting = true;
        try
        {
            // A misfit model fails the submission itself; a model this silo lacks may still be on the others.
            var check = await GrainFactory.GetGrain<IInferenceGrain>(job.ModelFile).CheckAsync(job);
            if (check.Outcome == ShardOutcome.Misfit)
            {
                return Failed(check.Message!);
            }

            state.State = new JobState
            {
                Spec = job,
                Phase = JobPhase.Running,
                Shards = Enumerable.Range(0, job.ShardCount).Select(_ => new ShardRecord()).ToList(),
            };
            await state.WriteStateAsync();
            await running.AddAsync(this.GetPrimaryKeyString());
        }
        finally
        {
            _submitting = false;
        }

        StartDriving();
        return Progress();
    }

    public async Task<JobProgress?> GetProgressAsync()
    {
        // A client that resubmitted while the first submission is still checking the model asks before the record exists.
        if (!state.RecordExists && !_submitting)
        {
            await running.RemoveAsync(this.GetPrimaryKeyString());
            DeactivateOnIdle();
            return null;
        }

        if (state.State.Phase == JobPhase.Running)
        {
            StartDriving();
        }

        return Progress();
    }

    private void StartDriving()
    {
        if (_drive is null || _drive.IsCompleted)
        {
            _drive = DriveAsync();
        }
    }

    private async Task DriveAsync()
    {
        try
        {
            await RunShardsAsync();
        }
        catch (InconsistentStateException ex)
        {
            // Another activation wrote the record since this one read it (two briefly coexisted while membership
            // settled): this one's copy is stale, so it steps aside and the next question reaches a fresh one.
            logger.LogWarning("Job {Job}: {Message}; this activation steps aside", this.GetPrimaryKeyString(), ex.Message);
            DeactivateOnIdle();
        }
        catch (Exception ex)
        {
            // Storage or cluster trouble (a silo lost mid-call): leave the records as they are; the job driver resumes.
            logger.LogWarning("Job {Job}: driving shards stopped ({Error}); the job driver resumes it", this.GetPrimaryKeyString(), ex.GetBaseException().Message);
        }
    }

    private async Task RunShardsAsync()
    {
        var job = state.State.Spec!;
        var records = state.State.Shards;
        var pending = new Queue<int>(Enumerable.Range(0, records.Count).Where(s => !records[s].Done));
        // Shards an earlier activation issued but never saw finish are issued again.
        state.State.Reissued += pending.Count(s => records[s].Attempts > 0);
        var parallelism = job.Parallelism > 0 ? job.Parallelism : 2 * Math.Max(1, await ActiveSiloCountAsync());
        var inFlight = new Dictionary<Task<ShardResult>, int>();
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new int[records.Count];
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, _deactivating.Token);
        while (pending.Count > 0 || inFlight.Count > 0)
        {
            if (stopping.IsCancellationRequested)
            {
                logger.LogInformation("Job {Job}: silo stopping or activation ending; the job stays running for the next activation", this.GetPrimaryKeyString());
                return;
            }

            // Idle collection counts requests, not this loop: keep the activation while shards run, even with no client attached.
            DelayDeactivation(TimeSpan.FromMinutes(30));
            while (inFlight.Count < parallelism && pending.TryDequeue(out var next))
            {
                var attempt = ++records[next].Attempts;
                var key = $"{this.GetPrimaryKeyString()}/{next}/{attempt}";
                inFlight.Add(GrainFactory.GetGrain<IShardGrain>(key).RunAsync(job, next), next);
            }

            var finished = await Task.WhenAny(inFlight.Keys);
            if (stopping.IsCancellationRequested)
            {
                // The check at the top ends the loop without recording this result.
                continue;
            }

            var shard = inFlight[finished];
            inFlight.Remove(finished);
            var result = finished.IsCompletedSuccessfully ? finished.Result : Lost(finished.Exception!);
            switch (result.Outcome)
            {
                case ShardOutcome.Done:
                    records[shard].Done = true;
                    records[shard].Silo = result.Silo;
                    records[shard].Files = result.Files.Count;
                    records[shard].Seconds = result.Seconds;
                    await state.WriteStateAsync();
                    continue;
                case ShardOutcome.Misfit:
                    await FailAsync(result.Message!);
                    return;
                case ShardOutcome.Refused:
                    refusals[result.Silo] = result.Message!;
                    if (refusals.Count >= await ActiveSiloCountAsync())
                    {
                        await FailAsync($"No silo can load the model: {string.Join("; ", refusals.Values)}.");
                        return;
                    }

                    break;
                case ShardOutcome.HandedBack:
                    await Task.Delay(HandBackPause);
                    break;
                default:
                    // Refusals do not count here: they are bounded by the silos, and a healthy silo will take the shard.
                    logger.LogWarning("Job {Job}: shard {Shard} attempt {Attempt} lost: {Message}", this.GetPrimaryKeyString(), shard, records[shard].Attempts, result.Message);
                    if (++failures[shard] >= MaxAttempts)
                    {
                        await FailAsync($"Shard {shard} failed {MaxAttempts} times; last: {result.Message}");
                        return;
                    }

                    break;
            }

            state.State.Reissued++;
            pending.Enqueue(shard);
        }

        // Every shard is done, so no temp file belongs to a write that is still wanted.
        if (OrphanTempFiles.Remove(job.OutputDirectory) is > 0 and var orphans)
        {
            logger.LogInformation("Job {Job}: removed {Count} temp files left by silos that died mid-write", this.GetPrimaryKeyString(), orphans);
        }

        state.State.Phase = JobPhase.Completed;
        await FinishAsync();
    }

    /// <summary>
    /// A shard call that threw: a call the cluster could not deliver or answer (its silo died, and membership has not
    /// yet said so, so the next random placement may pick it again) is the silo's loss, not the shard's, and counts as
    /// handed back; anything else counts towards <see cref="MaxAttempts"/>.
    /// </summary>
    private static ShardResult Lost(AggregateException error)
    {
        var cause = error.GetBaseException();
        var silosLoss = error.InnerExceptions.Any(e => e is OrleansMessageRejectionException or TimeoutException);
        return new ShardResult { Outcome = silosLoss ? ShardOutcome.HandedBack : ShardOutcome.Failed, Silo = "?", Message = cause.Message };
    }

    private async Task FailAsync(string error)
    {
        state.State.Phase = JobPhase.Failed;
        state.State.Error = error;
        await FinishAsync();
    }

    private async Task FinishAsync()
    {
        await state.WriteStateAsync();
        await running.RemoveAsync(this.GetPrimaryKeyString());
    }

    private async Task<int> ActiveSiloCountAsync() =>
        (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    private JobProgress Progress()
    {
        var s = state.State;
        var done = s.Shards.Where(r => r.Done).ToArray();
        return new JobProgress
        {
            JobId = this.GetPrimaryKeyString(),
            Phase = s.Phase,
            TotalShards = s.Shards.Count,
            DoneShards = done.Length,
            TotalItems = s.Spec?.ItemCount ?? 0,
            DoneItems = done.Sum(r => r.Files),
            Reissued = s.Reissued,
            ShardsPerSilo = done.GroupBy(r => r.Silo!).ToDictionary(g => g.Key, g => g.Count()),
            Error = s.Error,
            Driver = silo.Name,
        };
    }

    private JobProgress Failed(string error) => new() { JobId = this.GetPrimaryKeyString(), Phase = JobPhase.Failed, Error = error };
}
