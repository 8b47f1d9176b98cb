using Pipeline.Onnx;
using Pipeline.Onnx.Optimization;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class NarrowConvolutionRewriteTests
{
    [Theory]
    [InlineData(1, 9, 4, 4, 3)]    // SRGAN's tail: 9×9 to one channel → 16 block channels, 3×3 block kernel
    [InlineData(3, 5, 4, 2, 3)]    // three channels fit one block only at r = 2: 12 channels
    [InlineData(1, 5, 2, 2, 3)]    // 5×5 at r = 2: 1.44x the multiply-adds
    public void Narrow_same_convolution_runs_on_blocks_and_matches_torchsharp(int outChannels, int kernel, int block, int expectedBlock, int expectedTaps)
    {
        // Given: a "same" convolution from 8 channels to a few, on 12×16 inputs (multiples of 4).
        manual_seed(21);
        using var module = Sequential(("conv", Conv2d(8, outChannels, kernel, padding: kernel / 2)));
        var options = new OnnxExportOptions
        {
            OutputPath = NewPath($"narrow-{outChannels}-{kernel}-{block}"),
            Inputs = [OnnxTensorSpec.Batched("input", 8, 12, 16)],
            OutputNames = ["output"],
            VerificationBatchSizes = [1, 3],
            NarrowConvolutionBlock = block,
            LowerDepthToSpace = false,
        };

        // When
        var report = ExportChecked(module, options);

        // Then: parity with TorchSharp held (ExportChecked), and the graph is SpaceToDepth → Conv → DepthToSpace.
        var graph = OnnxFile.Read(report.Path).Graph;
        Assert.Equal(["SpaceToDepth", "Conv", "DepthToSpace"], graph.Node.Select(n => n.OpType));
        Assert.Equal(expectedBlock, graph.Node[0].Attribute.Single(a => a.Name == "blocksize").I);
        var weight = graph.Initializer.Single(t => t.Name.EndsWith(".block_weight", StringComparison.Ordinal));
        Assert.Equal(new long[] { outChannels * expectedBlock * expectedBlock, 8 * expectedBlock * expectedBlock, expectedTaps, expectedTaps }, weight.Dims);
        Assert.DoesNotContain(graph.Initializer, t => t.Name == "conv.weight");
        // The summary still counts every multiply-add: the block tensors have shapes.
        var summary = Pipeline.Onnx.Summary.OnnxModelSummary.FromModel(OnnxFile.Read(report.Path));
        Assert.True(summary.MacsComplete);
        Assert.Equal(12L * 16 * outChannels * expectedBlock * expectedBlock * 8 * expectedTaps * expectedTaps, summary.MacsPerSample);
    }

    [Theory]
    [InlineData("wide")]
    [InlineData("strided")]
    [InlineData("valid")]
    [InlineData("3x3")]
    [InlineData("not last")]
    public void Only_a_narrow_same_output_convolution_is_rewritten(string layer)
    {
        manual_seed(22);
        using var module = layer switch
        {
            "wide" => Sequential(("conv", Conv2d(4, 32, 3, padding: 1))),
            "strided" => Sequential(("conv", Conv2d(4, 1, 3, stride: 2, padding: 1))),
            "valid" => Sequential(("conv", Conv2d(4, 1, 3))),
            "3x3" => Sequential(("conv", Conv2d(4, 1, 3, padding: 1))),    // blocks would cost 4x the multiply-adds
            _ => Sequential(("narrow", Conv2d(4, 1, 9, padding: 4)), ("wide", Conv2d(1, 32, 3, padding: 1))),
        };
        var options = new OnnxExportOptions { OutputPath = NewPath("narrow-untouched"), Inputs = [OnnxTensorSpec.Batched("input", 4, 16, 16)], OutputNames = ["output"] };
        var graph = OnnxExporter.BuildModel(module, options).Graph;
        var convolutions = graph.Node.Count(n => n.OpType == "Conv");

        Assert.False(NarrowConvolutionRewrite.Apply(graph, 4));
        Assert.Equal(convolutions, graph.Node.Count(n => n.OpType == "Conv"));
        Assert.DoesNotContain(graph.Node, n => n.OpType == "SpaceToDepth");
    }
}
