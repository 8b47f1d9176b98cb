namespace Pipeline.Packaging.Tests;

/// <summary>
/// Every library package of this repository, packed once per test run into a temporary feed by <c>dotnet pack</c> of
/// libraries.slnf, under a version of its own (the packages NuGet caches by id and version never stand in for this
/// build's). The build behind it runs under the temporary folder, so the repository's bin/ and obj/ are left alone.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>The packable libraries, by package id without the "GenerativeNet." prefix.</summary>
    public static readonly string[] Libraries =
        ["Application", "Cluster", "Data", "Export", "Inference", "MLNet", "Models", "Onnx", "Onnx.Optimization", "Primitives", "Reports", "Training"];

    /// <summary>Packs the libraries.</summary>
    public PackageFeed()
    {
        Directory.CreateDirectory(Root);
        Outside.Dotnet(Repository, "pack", System.IO.Path.Combine(Repository, "tests", "Pipeline.Packaging.Tests", "libraries.slnf"), "-c", "Release",
            "-o", Path, "--artifacts-path", System.IO.Path.Combine(Root, "artifacts"), $"-p:Version={Version}");
    }

    /// <summary>This run's temporary folder, deleted with its packages afterwards.</summary>
    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "generativenet-feed-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The feed folder.</summary>
    public string Path => System.IO.Path.Combine(Root, "feed");

    /// <summary>The version every package carries.</summary>
    public string Version { get; } = $"0.0.0-outside.{DateTime.UtcNow:yyyyMMddHHmmss}";

    /// <summary>The ONNX Runtime version this repository builds against, which an app adds beside our packages.</summary>
    public string OnnxRuntimeVersion => System.Text.RegularExpressions.Regex.Match(
        File.ReadAllText(System.IO.Path.Combine(Repository, "Directory.Packages.props")), "<OnnxRuntimeVersion>([^<]+)</OnnxRuntimeVersion>").Groups[1].Value;

    /// <summary>The repository checkout.</summary>
    public string Repository { get; } = Outside.RepositoryFolder();

    /// <summary>A fresh app outside the repository made from one of the templates beside the tests, with a nuget.config adding this feed.</summary>
    public string NewApp(string template)
    {
        var app = System.IO.Path.Combine(Root, template + "-" + Guid.NewGuid().ToString("N")[..4]);
        Directory.CreateDirectory(app);
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, template);
        File.Copy(System.IO.Path.Combine(source, "Program.cs"), System.IO.Path.Combine(app, "Program.cs"));
        File.WriteAllText(System.IO.Path.Combine(app, template + ".csproj"), File.ReadAllText(System.IO.Path.Combine(source, template + ".csproj.template")).Replace("$VERSION$", Version).Replace("$ONNXRUNTIME_VERSION$", OnnxRuntimeVersion));
        File.WriteAllText(System.IO.Path.Combine(app, "nuget.config"), File.ReadAllText(System.IO.Path.Combine(source, "nuget.config.template")).Replace("$FEED$", Path));
        return app;
    }

    /// <inheritdoc />
    public void Dispose() => Outside.Clean(Root, Version);
}

/// <summary>The tests that share one <see cref="PackageFeed"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "package feed";
}
