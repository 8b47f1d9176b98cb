namespace Pipeline.Serving.Tests;

/// <summary>A server of exported models references Pipeline.Serving and must not carry libtorch.</summary>
public sealed class ServingBoundaryTests
{
    [Fact]
    public void The_server_and_everything_of_ours_below_it_reference_no_torchsharp()
    {
        var seen = AssemblyReferences.Closure(typeof(ModelServer).Assembly);

        Assert.DoesNotContain(seen, r => r.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen, r => r is "Pipeline.Training" or "Pipeline.Models" or "Pipeline.Export" or "Pipeline.Application" or "Pipeline.Cli");
        Assert.Contains("Pipeline.Inference", seen);
        Assert.Contains("Microsoft.ML.OnnxRuntime", seen);
    }
}
