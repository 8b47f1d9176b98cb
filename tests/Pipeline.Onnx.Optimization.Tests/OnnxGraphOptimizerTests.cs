using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;
using Pipeline.Onnx.Tests;

namespace Pipeline.Onnx.Optimization.Tests;

/// <summary>The optimizer on files written by Pipeline.Onnx's builder; files exported from TorchSharp are tested in Pipeline.Export.Tests.</summary>
public sealed class OnnxGraphOptimizerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_depth_to_space_becomes_transposes_and_the_written_file_gives_the_same_outputs()
    {
        // Given: a file holding one DepthToSpace with symbolic height and width, sized through --dim.
        var path = _temp.Save(DepthToSpaceLoweringTests.DepthToSpaceModel("DCR", 2, channels: 3), "d2s.onnx");
        var output = _temp.File("d2s-optimized.onnx");

        // When
        var report = OnnxGraphOptimizer.Optimize(path, output, new OnnxOptimizationOptions { Sizes = new Dictionary<string, long> { ["h"] = 3, ["w"] = 4 } });

        // Then
        Assert.Equal(1, report.Rewrites[nameof(DepthToSpaceLowering)]);
        Assert.Equal(0, report.MaxAbsDifference["y"]);
        Assert.DoesNotContain(OnnxFile.Read(output).Graph.Node, n => n.OpType == "DepthToSpace");
        OnnxChecker.AssertValid(output);
    }

    [Fact]
    public void A_graph_no_rewrite_applies_to_is_written_unchanged_and_says_so()
    {
        // Given: y = relu(x·W) has nothing the rewrites look for.
        var builder = new OnnxGraphBuilder();
        var x = builder.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3]);
        builder.AddInitializer("w", OnnxTensors.Float(string.Empty, [1, 2, 3, 4, 5, 6], [3, 2]));
        builder.AddOutput(builder.Relu(builder.MatMul(x, "w")), "y");
        var path = _temp.Save(builder.BuildModel("plain"), "plain.onnx");
        var output = _temp.File("plain-optimized.onnx");

        // When
        var report = OnnxGraphOptimizer.Optimize(path, output);

        // Then
        Assert.Empty(report.Rewrites);
        Assert.Equal(report.NodesBefore, report.NodesAfter);
        Assert.Contains("no rewrite applies", report.ToString(), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(output));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = _temp.File("no-such-model.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxGraphOptimizer.Optimize(missing, _temp.File("never.onnx")));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_opset_older_than_the_rewrites_write_is_refused_by_name()
    {
        // Given: a model declaring opset 11 (the rewrites write Unsqueeze with an axes input, opset 13).
        var model = DepthToSpaceLoweringTests.DepthToSpaceModel("DCR", 2, channels: 1);
        model.OpsetImport[0].Version = 11;
        var path = _temp.Save(model, "opset11.onnx");
        var output = _temp.File("never.onnx");

        // When
        var error = Assert.Throws<InvalidDataException>(() => OnnxGraphOptimizer.Optimize(path, output));

        // Then
        Assert.Contains("opset 11", error.Message, StringComparison.Ordinal);
        Assert.Contains($"opset {OnnxGraphOptimizer.MinOpset} or newer", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => _temp.Dispose();

}
