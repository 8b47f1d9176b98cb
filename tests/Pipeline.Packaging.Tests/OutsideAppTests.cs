using Xunit.Abstractions;

namespace Pipeline.Packaging.Tests;

/// <summary>
/// The inference packages as a user takes them: a fresh console app in a folder outside this repository (so that our
/// Directory.Build.props and Directory.Packages.props do not leak into it) with a nuget.config that adds the feed, a
/// reference to GenerativeNet.MLNet and the native ONNX Runtime it runs on, and code that generates and translates with
/// the committed models.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class OutsideAppTests(PackageFeed feed, ITestOutputHelper log)
{
    [Fact]
    public void Every_library_is_packed_with_its_symbols()
    {
        var packed = Directory.GetFiles(feed.Path).Select(Path.GetFileName).Order().ToArray();

        Assert.Equal(
            PackageFeed.Libraries.SelectMany(p => new[] { $"GenerativeNet.{p}.{feed.Version}.nupkg", $"GenerativeNet.{p}.{feed.Version}.snupkg" }).Order(),
            packed);
    }

    [Fact]
    public void An_app_referencing_GenerativeNet_MLNet_and_onnx_runtime_generates_and_translates_without_TorchSharp()
    {
        // Given a fresh app outside the repository that references GenerativeNet.MLNet and Microsoft.ML.OnnxRuntime only
        var app = feed.NewApp("OutsideApp");

        // When it is built and run on the committed models
        Outside.Dotnet(app, "build", "-c", "Release", "-o", Path.Combine(app, "out"));
        var output = Outside.Dotnet(app, Path.Combine(app, "out", "OutsideApp.dll"), Path.Combine(feed.Repository, "onnx"));

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

    [Fact]
    public void An_app_that_adds_no_native_onnx_runtime_is_told_which_package_to_add()
    {
        // Given the same app without its Microsoft.ML.OnnxRuntime reference: our packages bring ONNX Runtime's managed
        // API only, so that an app can choose the Gpu flavour instead
        var app = feed.NewApp("OutsideApp");
        Outside.Dotnet(app, "build", "-c", "Release", "-o", Path.Combine(app, "out"), "-p:NativeOnnxRuntime=false");
        Assert.Empty(Directory.GetFiles(Path.Combine(app, "out"), "libonnxruntime.so", SearchOption.AllDirectories));

        // When it runs
        var (exitCode, output, error) = Outside.Try("dotnet", app, Path.Combine(app, "out", "OutsideApp.dll"), Path.Combine(feed.Repository, "onnx"));
        log.WriteLine(output + error);

        // Then it fails with the packages to add named, not with the loader's message alone
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Add one native ONNX Runtime package to the app's project: Microsoft.ML.OnnxRuntime for the CPU, or Microsoft.ML.OnnxRuntime.Gpu for CUDA", error);
    }
}
