using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>The ×4 super-resolution generator (1×7×7 → 1×28×28, 4 residual blocks, sub-pixel upsampling) on every engine.</summary>
[BenchmarkCategory("Super-resolution x4")]
public class SuperResolutionEngineBenchmarks : TranslatorEngineBenchmarks
{
    /// <inheritdoc />
    protected override (nn.Module<Tensor, Tensor> Generator, string File) Model => BenchmarkModels.SuperResolution;

    /// <inheritdoc />
    protected override (int Channels, int Height, int Width) InputShape => (1, 7, 7);

    /// <inheritdoc />
    protected override int Scale => 4;
}
