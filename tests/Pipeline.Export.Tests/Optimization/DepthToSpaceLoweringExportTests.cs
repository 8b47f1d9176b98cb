using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

/// <summary>DepthToSpace's lowering inside an export, against TorchSharp; the rewrite on its own is tested in Pipeline.Onnx.Optimization.Tests.</summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class DepthToSpaceLoweringExportTests
{
    [Fact]
    public void Sub_pixel_and_split_transposed_convolutions_export_without_depth_to_space_and_match_torchsharp()
    {
        // Given: a pixel shuffle (CRD) and a transposed convolution split into phases (DCR).
        manual_seed(41);
        using var module = Sequential(
            ("conv", Conv2d(4, 16 * 4, 3, padding: 1)), ("shuffle", PixelShuffle(2)),
            ("up", ConvTranspose2d(16, 16, 4, stride: 2, padding: 1)));
        var options = new OnnxExportOptions { OutputPath = NewPath("lowered-shuffles"), Inputs = [OnnxTensorSpec.Batched("input", 4, 3, 5)], OutputNames = ["output"] };

        // When
        var report = ExportChecked(module, options);

        // Then: parity with TorchSharp held (ExportChecked) with both interleaves as Transposes.
        var ops = OnnxFile.Read(report.Path).Graph.Node.Select(n => n.OpType).ToList();
        Assert.DoesNotContain("DepthToSpace", ops);
        Assert.Equal(4, ops.Count(op => op == "Transpose"));
    }
}
