using BenchmarkDotNet.Attributes;
using Pipeline.Models.PixelCnn;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The fashion28 VQ-VAE-2's bottom prior (14×14 codes of 512 given the 7×7 top codes and the class, p = 64, 8 layers):
/// one forward pass.
/// </summary>
[BenchmarkCategory("VQ-VAE-2 bottom prior forward")]
public class VqVae2BottomPriorEngineBenchmarks : PixelCnnForwardEngineBenchmarks
{
    /// <inheritdoc />
    protected override (PixelCnn Net, string File) Model => BenchmarkModels.BottomPrior;
}
