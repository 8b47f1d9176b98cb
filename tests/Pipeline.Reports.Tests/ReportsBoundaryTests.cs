namespace Pipeline.Reports.Tests;

public sealed class ReportsBoundaryTests
{
    [Fact]
    public void Neither_the_library_nor_our_libraries_it_references_need_torchsharp()
    {
        // Given: the ML.NET side may draw charts and pages, and must not pull libtorch in with them.
        // When: every reference of our own assemblies, followed down.
        var seen = AssemblyReferences.Closure(typeof(RunPage).Assembly);

        // Then
        Assert.Contains("Pipeline.Data", seen);
        Assert.Contains("OxyPlot.SkiaSharp", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
    }
}
