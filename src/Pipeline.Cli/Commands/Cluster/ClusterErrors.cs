using Pipeline.Cluster.Hosting;

namespace Pipeline.Cli.Commands.Cluster;

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
