using Pipeline.Cluster.Hosting;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary><c>cluster silo|run|status</c>: batch inference on exported models across a Microsoft Orleans cluster.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Batch generation and translation with exported ONNX models across a Microsoft Orleans cluster (no TorchSharp on the silos).");
        command.Subcommands.Add(ClusterSiloCommand.Create());
        command.Subcommands.Add(ClusterRunCommand.Create());
        command.Subcommands.Add(Status());
        return command;
    }

    /// <summary><c>cluster status --job ID</c>: one line on a job (and, as any query does, resumes it if nothing drives it).</summary>
    private static Command Status()
    {
        var command = new Command("status", "Show a job's progress: shards done, shards per silo, re-issued attempts.");
        var client = new ClusterClientOptions();
        var job = new Setting<string>("--job", "the job id `cluster run` printed") { Required = true, Rule = NotBlank }.ToOption();
        command.Options.Add(job);
        client.AddTo(command);
        command.SetAction(r => Terminal.Guard(() => ClusterErrors.Guard(() => StatusAsync(r, client, r.GetValue(job)!).GetAwaiter().GetResult())));
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

/// <summary>
/// The cluster's own failures (nothing listening, no such job, a refused or failed job, and any other Orleans failure
/// that got past the retries) as one clear line, exit code 1: never a stack trace. A job that cannot be built as asked
/// is a usage error, exit code 2.
/// </summary>
internal static class ClusterErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InvalidJobException ex)
        {
            Terminal.Error(ex.Message);
            return Terminal.UsageError;
        }
        catch (Exception ex) when (ex is ClusterUnreachableException or UnknownJobException or ClusterJobException)
        {
            Terminal.Error(ex.Message);
            return Terminal.Failure;
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or TimeoutException)
        {
            Terminal.Error($"The cluster failed to answer: {ex.GetBaseException().Message}");
            return Terminal.Failure;
        }
    }
}
