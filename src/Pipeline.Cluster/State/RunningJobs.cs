using StackExchange.Redis;

namespace Pipeline.Cluster.State;

/// <summary>
/// The ids of jobs that are still running, kept where every silo can read them (the state folder, or Redis) so that
/// <see cref="JobDriver"/> can find a job that no client watches after the silo driving it died.
/// </summary>
internal interface IRunningJobs
{
    Task AddAsync(string jobId);

    Task RemoveAsync(string jobId);

    Task<IReadOnlyList<string>> ListAsync();
}

/// <summary>Development mode: one empty file per running job in the state folder's <c>running/</c>.</summary>
internal sealed class FileRunningJobs(string folder) : IRunningJobs
{
    private readonly string _folder = Directory.CreateDirectory(folder).FullName;

    public Task AddAsync(string jobId)
    {
        File.WriteAllBytes(PathOf(jobId), []);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string jobId)
    {
        File.Delete(PathOf(jobId));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>(Directory.GetFiles(_folder).Select(f => Uri.UnescapeDataString(Path.GetFileName(f))).ToArray());

    private string PathOf(string jobId) => Path.Combine(_folder, Uri.EscapeDataString(jobId));
}

/// <summary>Redis mode: a set per service id, beside the job records that Orleans' Redis storage keeps.</summary>
internal sealed class RedisRunningJobs(ConfigurationOptions redis, string serviceId) : IRunningJobs, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(redis.Clone()));
    private readonly RedisKey _key = $"pipeline/{serviceId}/running-jobs";

    public async Task AddAsync(string jobId) => await (await Database()).SetAddAsync(_key, jobId);

    public async Task RemoveAsync(string jobId) => await (await Database()).SetRemoveAsync(_key, jobId);

    public async Task<IReadOnlyList<string>> ListAsync() =>
        (await (await Database()).SetMembersAsync(_key)).Select(v => v.ToString()).ToArray();

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private async Task<IDatabase> Database() => (await _connection.Value).GetDatabase();
}
