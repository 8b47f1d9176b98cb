namespace Pipeline.Packaging.Tests;

/// <summary>
/// The command line as a .NET tool: <c>dotnet pack</c> of src/Pipeline.Cli into a temporary feed, <c>dotnet tool install
/// --tool-path</c> from it, then <c>pipeline sample</c> on a committed export. About a minute on two cores, most of it the
/// separate build of the CLI's closure and the 370 MB package (libtorch travels with the tool).
/// </summary>
public sealed class ToolTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "generativenet-tool-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _version = $"0.0.0-outside.{DateTime.UtcNow:yyyyMMddHHmmss}";

    [Fact]
    public void The_installed_tool_samples_a_committed_export()
    {
        // Given the tool installed from a feed
        var repository = Outside.RepositoryFolder();
        var feed = Path.Combine(_root, "feed");
        var tools = Path.Combine(_root, "tools");
        Outside.Dotnet(repository, "pack", Path.Combine(repository, "src", "Pipeline.Cli"), "-c", "Release",
            "-o", feed, "--artifacts-path", Path.Combine(_root, "artifacts"), $"-p:Version={_version}");
        Outside.Dotnet(_root, "tool", "install", "--tool-path", tools, "--add-source", feed, "GenerativeNet.Tool", "--version", _version);

        // When it samples the class-conditional GAN
        var png = Path.Combine(_root, "x.png");
        var output = Outside.Run(Path.Combine(tools, "pipeline"), _root, "sample", Path.Combine(repository, "onnx", "cgan-fashion28"), "--count", "4", "--out", png);

        // Then a PNG is written; the tool's copy of libLibTorchSharp.so is the one the publish step made loadable here
        Assert.Contains("wrote samples", output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        Assert.Single(Directory.GetFiles(tools, "libLibTorchSharp.so", SearchOption.AllDirectories));
    }

    public void Dispose() => Outside.Clean(_root, _version);
}
