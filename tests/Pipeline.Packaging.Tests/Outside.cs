using System.Diagnostics;

namespace Pipeline.Packaging.Tests;

/// <summary>Running dotnet as a user would, from a folder outside this repository, and cleaning up after it.</summary>
internal static class Outside
{
    internal static string Dotnet(string workingDirectory, params string[] arguments) => Run("dotnet", workingDirectory, arguments);

    internal static string Run(string program, string workingDirectory, params string[] arguments)
    {
        var (exitCode, output, error) = Try(program, workingDirectory, arguments);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{error}");
        return output;
    }

    /// <summary>Runs a program to its end and returns how it ended, without judging it.</summary>
    internal static (int ExitCode, string Output, string Error) Try(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (program == "dotnet" && arguments[0] is "pack" or "build")
        {
            start.ArgumentList.Add("-nodeReuse:false");
        }

        // The test host's MSBuild settings would point the inner build at the outer one's SDK state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    internal static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Deletes the test's folder and this run's packages, which restore extracted into the machine's NuGet cache.</summary>
    internal static void Clean(string root, string version)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Directory.Exists(cache) ? Directory.GetDirectories(cache, "generativenet.*") : [])
        {
            var extracted = Path.Combine(package, version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }

            if (!Directory.EnumerateFileSystemEntries(package).Any())
            {
                Directory.Delete(package);
            }
        }
    }
}
