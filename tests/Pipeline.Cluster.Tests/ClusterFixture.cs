using Orleans.TestingHost;

namespace Pipeline.Cluster.Tests;

/// <summary>One three-silo cluster shared by the tests of a class that do not stop silos or clients.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    internal InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster3.StartAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
