using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Pipeline.Packaging.Tests;

/// <summary>
/// The training side as a user takes it: a fresh console app outside this repository that references
/// GenerativeNet.Application alone trains a VAE on Fashion-MNIST, exports it and generates from the export in ML.NET;
/// and the cluster package's dependencies stay on the inference side.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class TrainingAppTests(PackageFeed feed, ITestOutputHelper log)
{
    [Fact]
    public void An_app_referencing_GenerativeNet_Application_and_onnx_runtime_trains_exports_and_generates()
    {
        // Given a fresh app outside the repository that references GenerativeNet.Application and Microsoft.ML.OnnxRuntime only
        var app = feed.NewApp("TrainingApp");

        // When it is built (the package's build step makes libtorch loadable here) and run
        Outside.Dotnet(app, "build", "-c", "Release", "-o", Path.Combine(app, "out"));
        var output = Outside.Dotnet(app, Path.Combine(app, "out", "TrainingApp.dll"), Path.Combine(app, "work"));

        log.WriteLine(output);

        // Then it trained, exported and ran the export
        Assert.Contains("ok trained", output);
        Assert.Contains("ok exported encoder.onnx, decoder.onnx", output);
        Assert.Contains("ok GenerateImages 4 x 784 from the export", output);
    }

    [Fact]
    public void The_cluster_package_depends_on_no_TorchSharp_and_the_models_package_carries_its_loader_fix()
    {
        // When the GenerativeNet dependencies of the cluster package are followed through the feed
        var closure = Closure("GenerativeNet.Cluster");

        // Then none of them brings TorchSharp or libtorch, while the training side does
        Assert.Contains("GenerativeNet.MLNet", closure.Keys);
        Assert.DoesNotContain(closure.Values.SelectMany(d => d), d => d.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || d.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("TorchSharp", Closure("GenerativeNet.Application").Values.SelectMany(d => d));
        using var models = ZipFile.OpenRead(Package("GenerativeNet.Models"));
        Assert.Contains(models.Entries, e => e.FullName == "buildTransitive/GenerativeNet.Models.targets");
        Assert.Contains(models.Entries, e => e.FullName == "buildTransitive/WeakenMissingGlibcxxVersion.cs");
    }

    // Package id → its direct dependencies, for the package and every GenerativeNet package it reaches.
    private Dictionary<string, string[]> Closure(string id)
    {
        var found = new Dictionary<string, string[]>();
        var pending = new Stack<string>([id]);
        while (pending.TryPop(out var next))
        {
            if (found.ContainsKey(next))
            {
                continue;
            }

            found[next] = Dependencies(next);
            foreach (var dependency in found[next].Where(d => d.StartsWith("GenerativeNet.", StringComparison.Ordinal)))
            {
                pending.Push(dependency);
            }
        }

        return found;
    }

    private string[] Dependencies(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));
        using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return [.. XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!)];
    }

    private string Package(string id) => Path.Combine(feed.Path, $"{id}.{feed.Version}.nupkg");
}
