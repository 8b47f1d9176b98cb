using Pipeline.Onnx;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Summary;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class ConvTransposePhaseRewriteTests
{
    [Theory]
    [InlineData(4, 2, 1, true)]     // DCGAN's and pix2pix's upsampling: 4 phases of 2×2 kernels
    [InlineData(4, 2, 1, false)]    // without bias (a layer followed by normalisation)
    [InlineData(8, 4, 2, true)]     // stride 4: 16 phases of 2×2 kernels, leading pads 1 and 0
    [InlineData(2, 2, 0, true)]     // kernel = stride: 4 phases of 1×1 kernels
    public void An_upsampling_transposed_convolution_becomes_phase_convolutions_with_the_same_outputs_and_multiply_adds(int kernel, int stride, int padding, bool bias)
    {
        // Given: a ConvTranspose from 24 to 16 channels whose output is exactly stride times its 5×6 input.
        manual_seed(31);
        using var module = Sequential(("up", ConvTranspose2d(24, 16, kernel, stride: stride, padding: padding, bias: bias)));
        var options = new OnnxExportOptions
        {
            OutputPath = NewPath($"phases-{kernel}-{stride}-{padding}-{bias}"),
            Inputs = [OnnxTensorSpec.Batched("input", 24, 5, 6)],
            OutputNames = ["output"],
            VerificationBatchSizes = [1, 3],
            LowerDepthToSpace = false,
        };

        // When
        var report = ExportChecked(module, options);

        // Then: parity with TorchSharp held (ExportChecked); the graph is stride² Convs, Concat, DepthToSpace; and the
        // summary counts the ConvTranspose's multiply-adds, C_in·C_out·k²·H·W, no more.
        var graph = OnnxFile.Read(report.Path).Graph;
        Assert.Equal([.. Enumerable.Repeat("Conv", stride * stride), "Concat", "DepthToSpace"], graph.Node.Select(n => n.OpType));
        Assert.Equal(stride, graph.Node[^1].Attribute.Single(a => a.Name == "blocksize").I);
        Assert.All(graph.Node.Take(stride * stride), conv => Assert.Equal([kernel / stride, kernel / stride], conv.Attribute.Single(a => a.Name == "kernel_shape").Ints));
        Assert.DoesNotContain(graph.Initializer, t => t.Name == "up.weight");
        var summary = OnnxModelSummary.FromModel(OnnxFile.Read(report.Path));
        Assert.True(summary.MacsComplete);
        Assert.Equal(24L * 16 * kernel * kernel * 5 * 6, summary.MacsPerSample);
    }

    [Fact]
    public void A_generator_keeps_its_outputs_when_each_upsampling_is_split_into_phases()
    {
        // Given: two DCGAN stages with batch norm (folded into the ConvTranspose first) and a narrow output layer.
        manual_seed(32);
        using var module = Sequential(
            ("up0", ConvTranspose2d(32, 16, 4, stride: 2, padding: 1)), ("norm0", BatchNorm2d(16)), ("relu0", ReLU()),
            ("up1", ConvTranspose2d(16, 16, 4, stride: 2, padding: 1)), ("relu1", ReLU()),
            ("out", ConvTranspose2d(16, 1, 4, stride: 2, padding: 1)), ("tanh", Tanh()));
        WarmRunningStatistics(module, [8, 32, 3, 3]);
        var options = new OnnxExportOptions { OutputPath = NewPath("phases-generator"), Inputs = [OnnxTensorSpec.Batched("z", 32, 3, 3)], OutputNames = ["image"], LowerDepthToSpace = false };

        // When
        var report = ExportChecked(module, options);

        // Then: the two wide layers are phases, the one-channel output layer stays a ConvTranspose.
        var ops = OnnxFile.Read(report.Path).Graph.Node.Select(n => n.OpType).ToList();
        Assert.Equal(8, ops.Count(op => op == "Conv"));
        Assert.Equal(2, ops.Count(op => op == "DepthToSpace"));
        Assert.Equal(1, ops.Count(op => op == "ConvTranspose"));
        Assert.DoesNotContain("BatchNormalization", ops);
    }

    [Theory]
    [InlineData("narrow")]
    [InlineData("odd kernel")]
    [InlineData("grouped")]
    [InlineData("dilated")]
    [InlineData("stride 1")]
    public void Only_a_wide_upsampling_layer_whose_kernel_the_stride_divides_is_rewritten(string layer)
    {
        manual_seed(33);
        using var module = layer switch
        {
            "narrow" => Sequential(("up", ConvTranspose2d(16, 8, 4, stride: 2, padding: 1))),
            "odd kernel" => Sequential(("up", ConvTranspose2d(16, 16, 3, stride: 2, padding: 1, output_padding: 1))), // CycleGAN's
            "grouped" => Sequential(("up", ConvTranspose2d(16, 16, 4, stride: 2, padding: 1, groups: 2))),
            "dilated" => Sequential(("up", ConvTranspose2d(16, 16, 3, stride: 2, padding: 2, output_padding: 1, dilation: 2))),
            _ => Sequential(("up", ConvTranspose2d(16, 16, 3, padding: 1))),
        };
        var options = new OnnxExportOptions { OutputPath = NewPath("phases-untouched"), Inputs = [OnnxTensorSpec.Batched("input", 16, 6, 6)], OutputNames = ["output"], SplitConvTransposePhases = false };
        var graph = OnnxExporter.BuildModel(module, options).Graph;

        Assert.Equal(0, ConvTransposePhaseRewrite.Apply(graph));
        Assert.Equal(["ConvTranspose"], graph.Node.Select(n => n.OpType));
    }
}
