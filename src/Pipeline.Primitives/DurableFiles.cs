using System.Runtime.InteropServices;

namespace Pipeline.Data;

/// <summary>
/// Makes many files written with <see cref="AtomicFile.Write(string, Action{Stream}, bool)"/> and
/// <c>flushToDisk: false</c> durable at once, before the batch is reported written. Flushing each small file on its own
/// halved <c>translate</c>'s rate on this machine (1,000 28x28 PNGs: 158 images/s against 339 without the per-file
/// flush); one <c>syncfs</c> commits the file system's journal once for all of them. Elsewhere than Linux, or if
/// <c>syncfs</c> fails, each file is flushed.
/// </summary>
/// <example>
/// <code>
/// foreach (var (name, png) in images) AtomicFile.Write(name, png.SaveTo, flushToDisk: false);
/// DurableFiles.Sync(names);
/// </code>
/// </example>
public static class DurableFiles
{
    /// <summary>Flushes <paramref name="paths"/> (all on one file system) to disk.</summary>
    /// <param name="paths">Files written and renamed into place; empty for nothing to do.</param>
    public static void Sync(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux() && TrySyncFileSystem(paths[0]))
        {
            return;
        }

        foreach (var path in paths)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>syncfs(2) on the file system holding <paramref name="anyFile"/>; false if it is unavailable or fails.</summary>
    private static bool TrySyncFileSystem(string anyFile)
    {
        try
        {
            using var handle = File.OpenHandle(anyFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return SyncFs((int)handle.DangerousGetHandle()) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(int fd);
}
