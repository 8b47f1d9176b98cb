using System.Reflection;

namespace Pipeline.Onnx.Optimization.Tests;

public sealed class OptimizationBoundaryTests
{
    [Fact]
    public void Neither_the_library_nor_our_libraries_it_references_need_torchsharp_or_skiasharp()
    {
        // Given: `pipeline optimize` and any app that rewrites ONNX files must not pull libtorch (or an image library) in.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(OnnxGraphOptimizer).Assembly]);

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
        Assert.Contains("Microsoft.ML.OnnxRuntime", seen);
        Assert.Contains("Pipeline.Onnx", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen, name => name.Contains("SkiaSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen, name => name is "Pipeline.Export" or "Pipeline.Models" or "Pipeline.Data");
    }
}
