namespace Pipeline.Cluster.State;

/// <summary>
/// An exclusive lock on a file, shared by every process of one machine: .NET opens it with <see cref="FileShare.None"/>,
/// which on Unix is an advisory <c>flock</c> that the kernel drops when the holder dies, so a silo killed while holding
/// it blocks no one.
/// </summary>
internal sealed class FileLock : IDisposable
{
    /// <summary>How long a caller waits for the lock before giving up: far longer than any holder keeps it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FileStream _stream;

    private FileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits for the lock on <paramref name="path"/> (created if missing).</summary>
    /// <exception cref="TimeoutException">Another holder kept it for longer than a few seconds.</exception>
    public static async Task<FileLock> TakeAsync(string path)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Random.Shared.Next(2, 12));
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"{path}: still locked after {Patience.TotalSeconds:F0} s.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
