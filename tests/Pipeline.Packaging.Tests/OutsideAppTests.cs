using System.Diagnostics;
using Xunit.Abstractions;

namespace Pipeline.Packaging.Tests;

/// <summary>
/// The inference packages as a user takes them: <c>dotnet pack</c> into a temporary feed, then a fresh console app in a
/// folder outside this repository (so that our Directory.Build.props and Directory.Packages.props do not leak into it)
/// with a nuget.config that adds the feed, a reference to GenerativeNet.MLNet alone, and code that generates and
/// translates with the committed models. About a minute on two cores: a separate build of the seven packed projects
/// (under the temporary folder, so the repository's bin/ and obj/ are left alone), then the app's restore, build and run.
/// </summary>
public sealed class OutsideAppTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "generativenet-outside-" + Guid.NewGuid().ToString("N")[..8]);

    // A version of its own per run: the packages NuGet caches by id and version never stand in for this build's.
    private readonly string _version = $"0.0.0-outside.{DateTime.UtcNow:yyyyMMddHHmmss}";

    [Fact]
    public void An_app_referencing_only_GenerativeNet_MLNet_generates_and_translates_without_TorchSharp()
    {
        // Given the packages in a feed
        var repository = RepositoryFolder();
        var feed = Path.Combine(_root, "feed");
        Dotnet(repository, "pack", Path.Combine(repository, "tests", "Pipeline.Packaging.Tests", "inference.slnf"), "-c", "Release",
            "-o", feed, "--artifacts-path", Path.Combine(_root, "artifacts"), $"-p:Version={_version}");
        var packed = Directory.GetFiles(feed).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(
            new[] { "Data", "Inference", "MLNet", "Onnx", "Onnx.Optimization", "Primitives", "Reports" }
                .SelectMany(p => new[] { $"GenerativeNet.{p}.{_version}.nupkg", $"GenerativeNet.{p}.{_version}.snupkg" }).Order(),
            packed);

        // and a fresh app outside the repository that references GenerativeNet.MLNet only
        var app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        var template = Path.Combine(AppContext.BaseDirectory, "OutsideApp");
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(app, "Program.cs"));
        File.WriteAllText(Path.Combine(app, "OutsideApp.csproj"), File.ReadAllText(Path.Combine(template, "OutsideApp.csproj.template")).Replace("$VERSION$", _version));
        File.WriteAllText(Path.Combine(app, "nuget.config"), File.ReadAllText(Path.Combine(template, "nuget.config.template")).Replace("$FEED$", feed));

        // When it is built and run on the committed models
        Dotnet(app, "build", "-c", "Release", "-o", Path.Combine(app, "out"));
        var output = Dotnet(app, Path.Combine(app, "out", "OutsideApp.dll"), Path.Combine(repository, "onnx"));

        log.WriteLine(output);

        // Then both transforms give the stored outputs, and no TorchSharp or libtorch came with the package
        Assert.Contains("ok GenerateImages 4 x Vector<Single, 1, 28, 28>", output);
        Assert.Contains("ok TranslateImages 4 x Image<28, 28>", output);
        var shipped = Directory.GetFiles(Path.Combine(app, "out"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray();
        Assert.Contains("Pipeline.MLNet.dll", shipped);
        Assert.DoesNotContain(shipped, f => f!.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase) || f.Contains("libtorch", StringComparison.OrdinalIgnoreCase));
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.DoesNotContain("torchsharp", assets, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("libtorch", assets, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        // This run's packages, extracted into the machine's NuGet cache by the app's restore.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Directory.Exists(cache) ? Directory.GetDirectories(cache, "generativenet.*") : [])
        {
            var extracted = Path.Combine(package, _version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    private static string Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (arguments[0] is "pack" or "build")
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
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    private static string RepositoryFolder()
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
}
