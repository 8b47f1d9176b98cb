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
        var repository = Outside.RepositoryFolder();
        var feed = Path.Combine(_root, "feed");
        Outside.Dotnet(repository, "pack", Path.Combine(repository, "tests", "Pipeline.Packaging.Tests", "inference.slnf"), "-c", "Release",
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
        Outside.Dotnet(app, "build", "-c", "Release", "-o", Path.Combine(app, "out"));
        var output = Outside.Dotnet(app, Path.Combine(app, "out", "OutsideApp.dll"), Path.Combine(repository, "onnx"));

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

    public void Dispose() => Outside.Clean(_root, _version);
}
