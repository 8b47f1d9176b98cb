using System.Diagnostics;

namespace Pipeline.TestSupport;

/// <summary>Processes to name in a run folder's lock file: one that is alive while the test runs, one that has exited.</summary>
public static class LockHolders
{
    /// <summary>Starts <c>sleep</c> for a minute; kill it when done.</summary>
    public static Process Live() => Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;

    /// <summary>The id of a process that ran and exited (a killed trainer's pid).</summary>
    public static int Dead()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>Writes <c>run.lock</c> in <paramref name="folder"/> naming <paramref name="processId"/>, as a trainer would.</summary>
    public static void WriteLock(string folder, int processId, DateTime startedUtc)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.lock"),
            $$"""{"processId": {{processId}}, "machine": "{{Environment.MachineName}}", "started": "{{startedUtc:O}}"}""");
    }
}
