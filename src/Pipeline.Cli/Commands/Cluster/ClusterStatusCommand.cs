using Pipeline.Cluster.Hosting;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary><c>cluster status --job ID</c>: one line on a job (and, as any query does, resumes it if nothing drives it).</summary>
internal static class ClusterStatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show a job's progress: shards done, shards per silo, re-issued attempts.");
        var client = new ClusterClientOptions();
        var job = new Setting<string>("--job", "the job id `cluster run` printed") { Required = true, Rule = NotBlank }.ToOption();
        command.Options.Add(job);
        client.AddTo(command);
        command.SetAction(r => Terminal.Guard(() => ClusterErrors.Guard(() =>
        {
            return StatusAsync(r, client, r.GetValue(job)!).GetAwaiter().GetResult();
        })));
        return command;
    }

    private static async Task<int> StatusAsync(ParseResult r, ClusterClientOptions client, string jobId)
    {
        await using var cluster = await client.ConnectAsync(r, CancellationToken.None);
        var progress = await ClusterJobs.GetProgressAsync(cluster, jobId);
        var driver = progress.Phase == Pipeline.Cluster.Jobs.JobPhase.Running && progress.Driver is { } silo ? $"; driven by {silo}" : string.Empty;
        System.Console.WriteLine($"job {jobId}: {progress.Describe()}{driver}");
        return progress.Phase == Pipeline.Cluster.Jobs.JobPhase.Failed ? Terminal.Failure : 0;
    }
}
