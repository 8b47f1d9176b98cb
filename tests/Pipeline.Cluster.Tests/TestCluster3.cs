using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Hosting;
using Pipeline.MLNet;

namespace Pipeline.Cluster.Tests;

/// <summary>Three in-process silos on loopback with the cluster's grains, job records in <see cref="SharedGrainStorage"/>.</summary>
internal static class TestCluster3
{
    /// <summary>One thread per session: three silos and the test share two cores.</summary>
    public static readonly OnnxRuntimeOptions Runtime = new(IntraOpThreads: 1, InterOpThreads: 1);

    public static async Task<InProcessTestCluster> StartAsync(IShardGate? gate = null, Func<string, string?>? modelRootOf = null)
    {
        var records = new ConcurrentDictionary<string, (object State, string ETag)>();
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            ClusterSilo.AddInference(silo, Runtime, modelRootOf?.Invoke(options.SiloName));
            silo.Services.AddGrainStorage(ClusterSilo.JobStorage, (services, _) => new SharedGrainStorage(records, services.GetRequiredService<DeepCopier>()));
            if (gate is not null)
            {
                silo.Services.AddSingleton(gate);
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
