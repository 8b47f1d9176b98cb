using Pipeline.Cli.Console;
using Pipeline.Cluster.Hosting;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary>The cluster's own failures (nothing listening, no such job, a refused or failed job) as one clear line, exit code 1.</summary>
internal static class ClusterErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is ClusterUnreachableException or UnknownJobException or ClusterJobException)
        {
            Terminal.Error(ex.Message);
            return Terminal.Failure;
        }
    }
}
