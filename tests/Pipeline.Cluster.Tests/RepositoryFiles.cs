namespace Pipeline.Cluster.Tests;

/// <summary>Files committed to the repository, found from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Pipeline.sln")))
        {
            directory = directory.Parent;
        }

        return System.IO.Path.Combine([directory?.FullName ?? throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}."), .. parts]);
    }
}
