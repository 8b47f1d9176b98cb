using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Training.Runs;

/// <summary>
/// Marks a run folder as being written by one process, so that a second trainer pointed at the same folder refuses
/// instead of interleaving its checkpoints and metrics.jsonl with the first. The lock is a file naming the holder's
/// process id and start time; a lock whose holder no longer runs (killed with <c>kill -9</c>, or a reused pid) is
/// taken over, so it never blocks <c>--resume</c>.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name inside the run folder.</summary>
    public const string FileName = "run.lock";

    private readonly string _folder;
    private readonly bool _createdFolder;
    private bool _released;

    private RunLock(string folder, string path, bool createdFolder)
    {
        _folder = folder;
        Path = path;
        _createdFolder = createdFolder;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock on <paramref name="folder"/>, creating the folder if needed. Throws <see cref="IOException"/>
    /// naming the holder's process id when another live process holds it.
    /// </summary>
    public static RunLock Acquire(string folder)
    {
        folder = System.IO.Path.GetFullPath(folder);
        var created = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        var me = Holder.Current();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Write the whole record beside the lock and move it into place without overwriting: the lock file
            // appears complete or not at all, and only one of two racing processes wins the move.
            var temporary = $"{path}.{me.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(me, RunFolder.Json));
            try
            {
                File.Move(temporary, path, overwrite: false);
                return new RunLock(folder, path, created);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }

            var holder = Holder.Read(path);
            if (holder is not null && holder.IsAlive())
            {
                throw new IOException(
                    $"{folder} is being written by process {holder.ProcessId} on {holder.Machine} (since {holder.Started:u}; lock {path}). " +
                    "Wait for it to finish or stop it, or choose another --out.");
            }

            // The holder is gone: its lock is stale.
            File.Delete(path);
        }

        throw new IOException($"{path}: could not take the run lock (it kept reappearing); is another process starting on {folder}?");
    }

    /// <summary>
    /// Takes the lock on <paramref name="folder"/>, waiting up to <paramref name="wait"/> while another live process
    /// holds it (trying again every <paramref name="poll"/>, 5 s by default, and saying so to <paramref name="waiting"/>
    /// each time): for work two processes may start together where the second should use what the first wrote, such
    /// as two priors sharing one code extraction. Throws the holder's <see cref="IOException"/> once
    /// <paramref name="wait"/> has passed, and at once for any other failure to take the lock.
    /// </summary>
    public static RunLock Acquire(string folder, TimeSpan wait, IProgress<string>? waiting = null, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + wait;
        var interval = poll ?? TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                return Acquire(folder);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(System.IO.Path.Combine(folder, FileName)))
            {
                waiting?.Report($"waiting for another process to finish writing {folder}");
                Thread.Sleep(TimeSpan.FromTicks(Math.Clamp((deadline - DateTime.UtcNow).Ticks, 0, interval.Ticks)));
            }
        }
    }

    /// <summary>Removes the lock, and the folder too when this lock created it and nothing was written into it.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (Holder.Read(Path) is { } holder && holder.ProcessId == Environment.ProcessId)
        {
            File.Delete(Path);
        }

        if (_createdFolder && Directory.Exists(_folder) && !Directory.EnumerateFileSystemEntries(_folder).Any())
        {
            Directory.Delete(_folder);
        }
    }

    /// <summary>What a lock file records about its holder.</summary>
    /// <param name="ProcessId">The holder's process id.</param>
    /// <param name="Machine">The machine it runs on; a lock from another machine cannot be checked and is honoured.</param>
    /// <param name="Started">When the holder process started (UTC), to tell a reused pid from the holder.</param>
    internal sealed record Holder(int ProcessId, string Machine, DateTime Started)
    {
        public static Holder Current()
        {
            using var process = Process.GetCurrentProcess();
            return new Holder(Environment.ProcessId, Environment.MachineName, process.StartTime.ToUniversalTime());
        }

        public static Holder? Read(string path)
        {
            try
            {
                return JsonSerializer.Deserialize<Holder>(File.ReadAllText(path), RunFolder.Json);
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                return null;   // gone or unreadable: not a live holder's lock, since locks are written whole
            }
        }

        public bool IsAlive()
        {
            if (Machine != Environment.MachineName)
            {
                return true;
            }

            try
            {
                using var process = Process.GetProcessById(ProcessId);
                // A pid reused by a later process is not the holder (start times are recorded to the second at worst).
                return !process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - Started).TotalSeconds) < 2;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                return false;
            }
        }
    }
}
