using BenchmarkDotNet.Attributes;
using Pipeline.Models.PixelCnn;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The fashion28-small pixel PixelCNN (28×28 grey, 256 levels, class-conditional, p = 32, 6 layers, as
/// onnx/pixelcnn-fashion28): one forward pass, about 109 M MACs per image.
/// </summary>
[BenchmarkCategory("PixelCNN forward")]
public class PixelCnnEngineBenchmarks : PixelCnnForwardEngineBenchmarks
{
    /// <inheritdoc />
    protected override (PixelCnn Net, string File) Model => BenchmarkModels.PixelCnnModel;
}
