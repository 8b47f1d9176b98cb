using System.Text.RegularExpressions;

namespace Pipeline.Cluster.Inference;

/// <summary>
/// Temp files that a silo killed mid-write leaves in a job's output folder (<c>name.tmp-&lt;32 hex digits&gt;</c>,
/// the names <see cref="Pipeline.Data.AtomicFile"/> writes through). Their shards were run again elsewhere, so once
/// every shard is done they are garbage.
/// </summary>
internal static partial class OrphanTempFiles
{
    /// <summary>Deletes them under <paramref name="outputDirectory"/>; returns how many.</summary>
    public static int Remove(string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(outputDirectory, "*.tmp-*", SearchOption.AllDirectories))
        {
            if (TempName().IsMatch(Path.GetFileName(file)))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    [GeneratedRegex(@"\.tmp-[0-9a-f]{32}$")]
    private static partial Regex TempName();
}
