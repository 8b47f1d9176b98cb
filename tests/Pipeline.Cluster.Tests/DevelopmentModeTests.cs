using Microsoft.Extensions.Hosting;
using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

/// <summary>The development default through the public hosting API: two localhost silos sharing a state folder, nothing installed.</summary>
public sealed class DevelopmentModeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Two_localhost_silos_and_a_client_run_a_job()
    {
        var (primary, primaryGateway, secondary, secondaryGateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var connection = new ClusterConnectionOptions(ClusterId: "dev-test", GatewayPorts: [primaryGateway, secondaryGateway], StateDirectory: _temp.File("state"));
        IHost[] silos =
        [
            ClusterSilo.Build(new ClusterSiloOptions(connection, primary, primaryGateway, Runtime: TestCluster3.Runtime)),
            ClusterSilo.Build(new ClusterSiloOptions(connection, secondary, secondaryGateway, Runtime: TestCluster3.Runtime)),
        ];
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("cluster"), [1], countPerLabel: 10, seed: 13) with { ShardSize = 2 };
        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("local") }, TestCluster3.Runtime);
        try
        {
            foreach (var silo in silos)
            {
                await silo.StartAsync();
            }

            await using var client = await ClusterConnection.ConnectAsync(connection);
            var done = await ClusterJobs.RunAsync(client.Client, job).WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(5, done.DoneShards);
            OutputFiles.AssertSame(_temp.File("local"), _temp.File("cluster"));
        }
        finally
        {
            foreach (var silo in silos.Reverse())
            {
                await silo.StopAsync();
                silo.Dispose();
            }
        }
    }

    public void Dispose() => _temp.Dispose();
}
