using System.Text.Json;

namespace Pipeline.Onnx.Optimization.Tests;

public sealed class OptimizationBoundaryTests
{
    [Fact]
    public void Neither_the_library_nor_our_libraries_it_references_need_torchsharp_or_skiasharp()
    {
        // Given: `pipeline optimize` and any app that rewrites ONNX files must not pull libtorch (or an image library) in.
        // When: every reference of our own assemblies, followed down.
        var seen = AssemblyReferences.Closure(typeof(OnnxGraphOptimizer).Assembly);

        // Then
        Assert.Contains("Microsoft.ML.OnnxRuntime", seen);
        Assert.Contains("Pipeline.Onnx", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen, name => name.Contains("SkiaSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen, name => name is "Pipeline.Export" or "Pipeline.Models" or "Pipeline.Data");
    }

    [Fact]
    public void No_package_under_the_library_brings_libtorch()
    {
        // Given: this test project references the library and test tools only, so the packages its deps.json lists
        // are the library's whole package closure (what `dotnet list package --include-transitive` shows) plus xunit's.
        var depsFile = Path.Combine(AppContext.BaseDirectory, typeof(OptimizationBoundaryTests).Assembly.GetName().Name + ".deps.json");

        // When
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var packages = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name.Split('/')[0])
            .ToArray();

        // Then
        Assert.Contains(packages, p => p.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
        Assert.DoesNotContain(packages, p => p.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase) || p.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(packages, p => p.StartsWith("SkiaSharp", StringComparison.OrdinalIgnoreCase));
    }
}
