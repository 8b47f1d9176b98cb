using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// CycleGAN's ResNet generator (sneaker → ankle boot, 1×28×28, 6 residual blocks at 7×7) on every engine: about 100
/// M MACs per image, the heaviest model here; its batches stop at 64 (<see cref="RunMode.HeavyBatches"/>).
/// </summary>
[BenchmarkCategory("CycleGAN generator")]
public class CycleGanEngineBenchmarks : TranslatorEngineBenchmarks
{
    /// <inheritdoc />
    public override IEnumerable<int> Batches => RunMode.HeavyBatches;

    /// <inheritdoc />
    protected override (nn.Module<Tensor, Tensor> Generator, string File) Model => BenchmarkModels.CycleGan;

    /// <inheritdoc />
    protected override (int Channels, int Height, int Width) InputShape => (1, 28, 28);
}
