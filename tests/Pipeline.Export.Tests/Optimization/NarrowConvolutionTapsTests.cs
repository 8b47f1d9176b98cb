using Pipeline.Onnx;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Summary;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class NarrowConvolutionTapsTests
{
    [Theory]
    [InlineData(1, 3, 1, true)]     // a DCGAN's output layer: 9 taps
    [InlineData(3, 3, 1, true)]     // to RGB: 27 taps
    [InlineData(1, 5, 2, false)]    // 25 taps, no bias
    [InlineData(2, 3, 0, true)]     // "valid": no Pad, a smaller output
    [InlineData(1, 7, 0, true)]     // CycleGAN's 7×7 output layer after its reflection pad: 49 taps
    public void A_narrow_convolution_becomes_shifted_taps_with_the_same_outputs(int outChannels, int kernel, int padding, bool bias)
    {
        // Given: a convolution from 8 channels to a few on 9×11 inputs (sizes no block divides).
        manual_seed(42);
        using var module = Sequential(("conv", Conv2d(8, outChannels, kernel, padding: padding, bias: bias)));
        var options = new OnnxExportOptions
        {
            OutputPath = NewPath($"taps-{outChannels}-{kernel}-{padding}-{bias}"),
            Inputs = [OnnxTensorSpec.Batched("input", 8, 9, 11)],
            OutputNames = ["output"],
            VerificationBatchSizes = [1, 3],
        };

        // When
        var report = ExportChecked(module, options);

        // Then: parity with TorchSharp held (ExportChecked); the graph is a 1×1 Conv to k²·C_out channels, a Pad
        // when the layer pads, one Slice per tap, their Sum and the bias; the summary counts the original's
        // multiply-adds, C_in·C_out·k² per pixel (per input pixel: a "valid" layer also computes its border's taps).
        var graph = OnnxFile.Read(report.Path).Graph;
        var taps = kernel * kernel;
        string[] expected = [
            "Conv", .. padding > 0 ? ["Pad"] : Array.Empty<string>(), .. Enumerable.Repeat("Slice", taps), "Sum", .. bias ? ["Add"] : Array.Empty<string>()];
        Assert.Equal(expected, graph.Node.Select(n => n.OpType));
        Assert.Equal(new long[] { taps * outChannels, 8, 1, 1 }, graph.Initializer.Single(t => t.Name.EndsWith(".tap_weight", StringComparison.Ordinal)).Dims);
        var summary = OnnxModelSummary.FromModel(OnnxFile.Read(report.Path));
        Assert.True(summary.MacsComplete);
        Assert.Equal(8L * outChannels * taps * 9 * 11, summary.MacsPerSample);
    }

    [Theory]
    [InlineData("four channels")]
    [InlineData("too many taps")]
    [InlineData("1x1")]
    [InlineData("strided")]
    [InlineData("dilated")]
    [InlineData("grouped")]
    public void Only_a_narrow_stride_one_convolution_with_few_taps_is_rewritten(string layer)
    {
        manual_seed(43);
        using var module = layer switch
        {
            "four channels" => Sequential(("conv", Conv2d(8, 4, 3, padding: 1))),
            "too many taps" => Sequential(("conv", Conv2d(8, 1, 9, padding: 4))),    // SRGAN's 9×9: 81, NarrowConvolutionRewrite's case
            "1x1" => Sequential(("conv", Conv2d(8, 1, 1))),
            "strided" => Sequential(("conv", Conv2d(8, 1, 3, stride: 2, padding: 1))),
            "dilated" => Sequential(("conv", Conv2d(8, 1, 3, padding: 2, dilation: 2))),
            _ => Sequential(("conv", Conv2d(8, 2, 3, padding: 1, groups: 2))),
        };
        var options = new OnnxExportOptions { OutputPath = NewPath("taps-untouched"), Inputs = [OnnxTensorSpec.Batched("input", 8, 8, 8)], OutputNames = ["output"], TapNarrowConvolutions = false };
        var graph = OnnxExporter.BuildModel(module, options).Graph;

        Assert.Equal(0, NarrowConvolutionTaps.Apply(graph));
        Assert.Equal(["Conv"], graph.Node.Select(n => n.OpType));
    }
}
