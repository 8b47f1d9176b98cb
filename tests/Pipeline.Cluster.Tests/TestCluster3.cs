using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Hosting;
using Pipeline.MLNet;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// Three in-process silos on loopback with the cluster's grains and the shipped development job store (job records
/// and the running-job list in a state folder of their own, the job driver on every silo): a silo stopped or killed
/// mid-job takes no job record with it, as in a real development cluster.
/// </summary>
internal static class TestCluster3
{
    /// <summary>One thread per session: three silos and the test share two cores.</summary>
    public static readonly OnnxRuntimeOptions Runtime = new(IntraOpThreads: 1, InterOpThreads: 1);

    /// <summary>State folders of this test run's clusters, removed when the test process exits.</summary>
    private static readonly Lazy<string> StateRoot = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("pipeline-tests-cluster-state-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    });

    public static async Task<InProcessTestCluster> StartAsync(IShardGate? gate = null, Func<string, string?>? modelRootOf = null)
    {
        var state = Path.Combine(StateRoot.Value, Guid.NewGuid().ToString("N"));
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            ClusterSilo.AddInference(silo, Runtime, modelRootOf?.Invoke(options.SiloName));
            ClusterSilo.AddFileJobStore(silo, state);
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
