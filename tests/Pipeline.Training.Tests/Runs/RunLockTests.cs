using Pipeline.Training.Runs;

namespace Pipeline.Training.Tests.Runs;

public sealed class RunLockTests
{
    [Fact]
    public void Second_lock_on_a_folder_refuses_naming_the_holders_process_id()
    {
        // Given
        using var folder = new TempDirectory();
        using var first = RunLock.Acquire(folder.Path);

        // When
        var error = Assert.Throws<IOException>(() => RunLock.Acquire(folder.Path));

        // Then
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public void Lock_held_by_another_live_process_refuses_and_stays()
    {
        // Given
        using var folder = new TempDirectory();
        using var holder = LockHolders.Live();
        try
        {
            LockHolders.WriteLock(folder.Path, holder.Id, holder.StartTime.ToUniversalTime());
            var before = File.ReadAllText(Path.Combine(folder.Path, RunLock.FileName));

            // When
            var error = Assert.Throws<IOException>(() => RunLock.Acquire(folder.Path));

            // Then
            Assert.Contains($"process {holder.Id}", error.Message);
            Assert.Equal(before, File.ReadAllText(Path.Combine(folder.Path, RunLock.FileName)));
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public void Lock_left_by_a_dead_process_is_taken_over()
    {
        // Given
        using var folder = new TempDirectory();
        LockHolders.WriteLock(folder.Path, LockHolders.Dead(), DateTime.UtcNow);

        // When
        using var taken = RunLock.Acquire(folder.Path);

        // Then
        Assert.Contains($"\"processId\": {Environment.ProcessId}", File.ReadAllText(taken.Path));
    }

    [Fact]
    public void Release_removes_the_lock_and_a_folder_it_created_that_stayed_empty()
    {
        using var root = new TempDirectory();
        var kept = root.File("kept");
        var empty = root.File("empty");

        using (RunLock.Acquire(kept))
        {
            File.WriteAllText(Path.Combine(kept, "config.json"), "{}");
        }

        RunLock.Acquire(empty).Dispose();

        Assert.False(File.Exists(Path.Combine(kept, RunLock.FileName)));
        Assert.True(File.Exists(Path.Combine(kept, "config.json")));
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public async Task Waiting_takes_the_lock_once_its_holder_lets_go()
    {
        // Given a lock that is released 300 ms from now
        using var folder = new TempDirectory();
        var first = RunLock.Acquire(folder.Path);
        var waits = new List<string>();
        var release = Task.Delay(300).ContinueWith(_ => first.Dispose(), TaskScheduler.Default);

        // When another caller waits up to a minute, trying every 50 ms
        using var second = RunLock.Acquire(folder.Path, TimeSpan.FromMinutes(1), new Lines(waits), TimeSpan.FromMilliseconds(50));

        // Then it holds the lock, having said it waited
        Assert.True(File.Exists(second.Path));
        Assert.NotEmpty(waits);
        Assert.All(waits, w => Assert.Equal($"waiting for another process to finish writing {folder.Path}", w));
        await release;
    }

    [Fact]
    public void Waiting_gives_up_with_the_holders_error_when_the_time_is_over()
    {
        // Given a lock this process keeps
        using var folder = new TempDirectory();
        using var first = RunLock.Acquire(folder.Path);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When another caller waits 200 ms
        var error = Assert.Throws<IOException>(() => RunLock.Acquire(folder.Path, TimeSpan.FromMilliseconds(200), poll: TimeSpan.FromMilliseconds(50)));

        // Then it waited, then refused naming the holder
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
