using Pipeline.Cluster.Hosting;

namespace Pipeline.Cluster.Tests;

public sealed class ClusterAssemblyTests
{
    [Fact]
    public void The_cluster_library_does_not_reference_torchsharp()
    {
        var references = typeof(ClusterSilo).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, r => r.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.Contains("Pipeline.Training", StringComparison.Ordinal) || r.Contains("Pipeline.Export", StringComparison.Ordinal));
        Assert.Contains("Microsoft.ML.OnnxRuntime", references);
    }
}
