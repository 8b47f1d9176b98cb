using Pipeline.Cluster.Grains;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

/// <summary>Holds every shard that reaches silo <see cref="Victim"/> until that silo stops; other silos run freely.</summary>
internal sealed class HoldShardsOnSilo : IShardGate
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile string? Victim;

    /// <summary>Completes once the victim holds a shard.</summary>
    public Task Holding => _holding.Task;

    public async Task EnterAsync(string silo, JobSpec job, int shard, CancellationToken siloStopping)
    {
        if (silo != Victim)
        {
            return;
        }

        _holding.TrySetResult();
        await Task.Delay(Timeout.Infinite, siloStopping);
    }
}

/// <summary>Holds every shard on every silo until <see cref="Release"/>.</summary>
internal sealed class HoldAllShards : IShardGate
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Holding => _holding.Task;

    public void Release() => _released.TrySetResult();

    public async Task EnterAsync(string silo, JobSpec job, int shard, CancellationToken siloStopping)
    {
        _holding.TrySetResult();
        await _released.Task.WaitAsync(siloStopping);
    }
}

/// <summary>Lets the first <c>passing</c> shards through, then holds every other one until its silo stops.</summary>
internal sealed class PassThenHold(int passing) : IShardGate
{
    private int _entered;

    public async Task EnterAsync(string silo, JobSpec job, int shard, CancellationToken siloStopping)
    {
        if (Interlocked.Increment(ref _entered) > passing)
        {
            await Task.Delay(Timeout.Infinite, siloStopping);
        }
    }
}
