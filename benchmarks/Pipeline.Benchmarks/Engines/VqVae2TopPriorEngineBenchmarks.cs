using BenchmarkDotNet.Attributes;
using Pipeline.Models.PixelCnn;

namespace Pipeline.Benchmarks.Engines;

/// <summary>The fashion28 VQ-VAE-2's top prior (7×7 codes of 512, class-conditional, p = 64, 8 layers): one forward pass.</summary>
[BenchmarkCategory("VQ-VAE-2 top prior forward")]
public class VqVae2TopPriorEngineBenchmarks : PixelCnnForwardEngineBenchmarks
{
    /// <inheritdoc />
    protected override (PixelCnn Net, string File) Model => BenchmarkModels.TopPrior;
}
