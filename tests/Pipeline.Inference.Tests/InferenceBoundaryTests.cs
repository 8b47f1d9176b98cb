using Pipeline.Inference;

namespace Pipeline.Inference.Tests;

/// <summary>An app that only runs exported models references Pipeline.Inference and must not carry libtorch.</summary>
public sealed class InferenceBoundaryTests
{
    [Fact]
    public void The_library_and_everything_of_ours_below_it_reference_no_torchsharp()
    {
        var seen = AssemblyReferences.Closure(typeof(ExportedModelOperations).Assembly);

        Assert.DoesNotContain(seen, r => r.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen, r => r is "Pipeline.Training" or "Pipeline.Models" or "Pipeline.Export" or "Pipeline.Application");
        Assert.Contains("Pipeline.MLNet", seen);
        Assert.Contains("Microsoft.ML.OnnxRuntime", seen);
    }
}
