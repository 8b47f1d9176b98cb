using Pipeline.Models.Layers;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests;

/// <summary>Progressive GAN's and StyleGAN's layers: ONNX Runtime matches TorchSharp on batches 1 and 7, and the checker accepts each file.</summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class EqualizedConverterTests
{
    public EqualizedConverterTests() => manual_seed(11);

    [Fact]
    public void Equalized_linear_folds_its_scale_into_a_gemm()
    {
        var report = ExportChecked(new EqualizedLinear(12, 5, biasInit: 1, learningRateMultiplier: 0.01), [12], "eq-linear");

        SingleNode(report, "Gemm");
        Assert.DoesNotContain(Nodes(report), n => n.OpType == "Mul");
    }

    [Fact]
    public void Equalized_linear_on_sequences() => ExportChecked(new EqualizedLinear(6, 4), [3, 6], "eq-linear3d");

    [Fact]
    public void Equalized_convolution_folds_its_scale_into_a_conv()
    {
        var report = ExportChecked(new EqualizedConv2d(3, 8, 3), [3, 9, 7], "eq-conv");

        SingleNode(report, "Conv");
    }

    [Fact]
    public void Pixel_norm_over_images_and_vectors()
    {
        ExportChecked(new PixelNorm(), [5, 4, 4], "pixelnorm-4d");
        ExportChecked(new PixelNorm(), [9], "pixelnorm-2d");
    }
}
