using System.Diagnostics;
using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

public sealed class ConnectionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task An_unreachable_cluster_is_a_clear_error_naming_where_it_looked()
    {
        var port = FreePort.Next();

        var error = await Assert.ThrowsAsync<ClusterUnreachableException>(() =>
            ClusterConnection.ConnectAsync(new ClusterConnectionOptions(GatewayPorts: [port])).WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Contains($"gateway port(s) {port}", error.Message);
        Assert.Contains("Start a silo first", error.Message);
    }

    [Fact]
    public async Task A_connection_rides_through_a_silo_restart_and_gives_up_with_one_sentence_when_the_cluster_stays_gone()
    {
        // Given one development silo, a connection that gives up after 3 s of silence, and a job it submitted
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        var connection = new ClusterConnectionOptions(ClusterId: "gone-test", GatewayPorts: [gatewayPort], GiveUpAfter: TimeSpan.FromSeconds(3), StateDirectory: _temp.File("state"));
        var silo = new ClusterSiloOptions(connection, siloPort, gatewayPort, Runtime: TestCluster3.Runtime);
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("out"), [1], countPerLabel: 4, seed: 2) with { ShardSize = 2 };
        var first = ClusterSilo.Build(silo);
        await first.StartAsync();
        await using var client = await ClusterConnection.ConnectAsync(connection);
        var id = await ClusterJobs.SubmitAsync(client, job);
        await ClusterJobs.AttachAsync(client, id).WaitAsync(TimeSpan.FromMinutes(1));

        // When the silo stops and a new one starts on the same ports, then that one stops too
        await first.StopAsync();
        first.Dispose();
        using (var second = ClusterSilo.Build(silo))
        {
            await second.StartAsync();
            var again = await ClusterJobs.GetProgressAsync(client, id).WaitAsync(TimeSpan.FromMinutes(1));
            await second.StopAsync();

            // Then the same connection reached the job through the new silo (its record is in the state folder)
            Assert.Equal(JobPhase.Completed, again.Phase);
        }

        // And with no silo left it says so in one sentence after its patience, instead of throwing Orleans' exceptions
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ClusterUnreachableException>(() => ClusterJobs.GetProgressAsync(client, id).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.StartsWith("The cluster has not answered for 3 s", error.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 3, 30);
    }

    public void Dispose() => _temp.Dispose();
}
