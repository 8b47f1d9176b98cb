using System.Reflection;

namespace Pipeline.Reports.Tests;

public sealed class ReportsBoundaryTests
{
    [Fact]
    public void Neither_the_library_nor_our_libraries_it_references_need_torchsharp()
    {
        // Given: the ML.NET side may draw charts and pages, and must not pull libtorch in with them.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(RunPage).Assembly]);

        // When: every reference of our own assemblies, followed down.
        while (pending.TryPop(out Assembly? assembly))
        {
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (seen.Add(reference.Name!) && reference.Name!.StartsWith("Pipeline.", StringComparison.Ordinal))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        // Then
        Assert.Contains("Pipeline.Data", seen);
        Assert.Contains("OxyPlot.SkiaSharp", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
    }
}
