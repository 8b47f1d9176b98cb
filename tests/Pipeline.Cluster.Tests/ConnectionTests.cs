using Pipeline.Cluster.Hosting;

namespace Pipeline.Cluster.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task An_unreachable_cluster_is_a_clear_error_naming_where_it_looked()
    {
        var port = FreePort.Next();

        var error = await Assert.ThrowsAsync<ClusterUnreachableException>(() =>
            ClusterConnection.ConnectAsync(new ClusterConnectionOptions(GatewayPorts: [port])).WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Contains($"gateway port(s) {port}", error.Message);
        Assert.Contains("Start a silo first", error.Message);
    }
}
