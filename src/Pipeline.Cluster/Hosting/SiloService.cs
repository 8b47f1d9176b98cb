using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Pipeline.Cluster.Hosting;

/// <summary>
/// A silo as a process's main work (what <c>pipeline cluster silo</c> runs): console logging through
/// <see cref="SiloLogging"/>, one ready line once it has joined, and a graceful stop on Ctrl+C or SIGTERM (the host's
/// console lifetime), handing running shards back to the other silos.
/// </summary>
public static class SiloService
{
    /// <summary>The start of the line a started silo reports (scripts and tests wait for it).</summary>
    public const string ReadyMarker = "silo ready";

    /// <summary>
    /// Starts a silo, reports "silo ready: NAME, ..." to <paramref name="notes"/>, and runs until the process is asked to
    /// stop. A silo that cannot start (a port in use, Redis unreachable) is a <see cref="ClusterUnreachableException"/>
    /// saying which settings it tried.
    /// </summary>
    public static async Task RunAsync(ClusterSiloOptions options, bool verbose, IProgress<string> notes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notes);
        using var host = ClusterSilo.Build(options, silo => silo.Services.AddLogging(l => SiloLogging.Configure(l, verbose)));
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ClusterUnreachableException($"The silo did not start ({options.Describe()}): {ex.GetBaseException().Message}", ex);
        }

        var name = host.Services.GetRequiredService<ILocalSiloDetails>().Name;
        notes.Report($"{ReadyMarker}: {name}, {options.Describe()}; model root {options.ModelRoot ?? Environment.CurrentDirectory}; {SiloLogging.GarbageCollector}. Ctrl+C stops it, handing its shards back.");
        await host.WaitForShutdownAsync();
        notes.Report($"silo {name} stopped");
    }
}
