using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Cluster.Grains;

namespace Pipeline.Cluster.State;

/// <summary>
/// Runs on every silo: every few seconds it asks each running job for its progress. A job grain drives its shards
/// from the activation that answers, so a job whose silo died is picked up again within one period, whether or not a
/// client watches it; Orleans' single activation per grain keeps it to one driver however many silos ask.
/// </summary>
internal sealed class JobDriver(IRunningJobs running, IGrainFactory grains, ILogger<JobDriver> logger) : BackgroundService
{
    /// <summary>Between two rounds of questions: the longest a job waits for a new driver after its silo died.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var jobs = await running.ListAsync();
                await Task.WhenAll(jobs.Select(PokeAsync));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Listing running jobs failed; next round in {Period}", Period);
            }
        }
    }

    private async Task PokeAsync(string jobId)
    {
        try
        {
            await grains.GetGrain<IJobGrain>(jobId).GetProgressAsync().WaitAsync(Period);
        }
        catch (Exception ex)
        {
            // The silo is still joining or the job's silo was just lost: the next round asks again.
            logger.LogDebug(ex, "Job {Job}: no answer this round", jobId);
        }
    }
}
