using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>pix2pix's U-Net (edges → item, 1×32×32 → 1×32×32, the default <c>train pix2pix</c> set) on every engine.</summary>
[BenchmarkCategory("pix2pix U-Net")]
public class Pix2PixEngineBenchmarks : TranslatorEngineBenchmarks
{
    /// <inheritdoc />
    public override IEnumerable<int> Batches => RunMode.HeavyBatches;

    /// <inheritdoc />
    protected override (nn.Module<Tensor, Tensor> Generator, string File) Model => BenchmarkModels.Pix2Pix;

    /// <inheritdoc />
    protected override (int Channels, int Height, int Width) InputShape => (1, 32, 32);
}
