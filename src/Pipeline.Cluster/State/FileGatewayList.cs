using System.Net;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Pipeline.Cluster.State;

/// <summary>
/// A development-mode client's gateways: those of the active silos in the state folder's membership table, so that a
/// client finds every silo of this machine without being told their ports, and a silo started later is used too.
/// </summary>
internal sealed class FileGatewayList(string stateDirectory, Serializer serializer) : IGatewayListProvider
{
    private readonly FileMembershipTable _table = new(stateDirectory, serializer);

    public TimeSpan MaxStaleness => TimeSpan.FromSeconds(5);

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var table = await _table.ReadAll();
        return table.Members.Select(m => m.Item1)
            .Where(e => e.Status == SiloStatus.Active && e.ProxyPort > 0)
            .Select(e => SiloAddress.New(new IPEndPoint(e.SiloAddress.Endpoint.Address, e.ProxyPort), e.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }
}
