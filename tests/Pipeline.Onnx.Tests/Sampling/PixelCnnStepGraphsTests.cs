using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Sampling;

namespace Pipeline.Onnx.Tests.Sampling;

/// <summary>
/// The committed PixelCNN exports are read as gated layers and rewritten into row and step graphs that the ONNX checker
/// accepts; a graph without those layers is left to the whole-graph path with the reason.
/// </summary>
public sealed class PixelCnnStepGraphsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Committed_pixel_model_is_read_as_its_twelve_gated_layers()
    {
        // Given / When
        var steps = PixelCnnStepGraphs.TryCreate(OnnxFile.Read(CommittedExports.File("pixelcnn-fashion28", "pixelcnn.onnx")), out var reason);

        // Then: first kernel 7 (4 rows, 4 columns), then 3 (2 and 2), p = 32, residual after the first layer.
        Assert.Null(reason);
        var layout = steps!.Layout;
        Assert.Equal((256, 28, 32, 12), (layout.Levels, layout.Width, layout.Channels, layout.Layers));
        Assert.Equal([4, .. Enumerable.Repeat(2, 11)], layout.VerticalRows);
        Assert.Equal([4, .. Enumerable.Repeat(2, 11)], layout.HorizontalColumns);
        Assert.Equal([false, .. Enumerable.Repeat(true, 11)], layout.Residual);
        Assert.Equal((false, true, ((int, int)?)null), (layout.Embedded, layout.ClassConditional, layout.Condition));
    }

    [Theory]
    [InlineData("pixelcnn-fashion28", "pixelcnn.onnx")]
    [InlineData("vqvae2-fashion28", "top-prior.onnx")]
    [InlineData("vqvae2-fashion28", "bottom-prior.onnx")]
    public void Committed_exports_give_row_and_step_graphs_the_onnx_checker_accepts(string folder, string file)
    {
        // Given / When
        var steps = PixelCnnStepGraphs.TryCreate(OnnxFile.Read(CommittedExports.File(folder, file)), out _);

        // Then
        Assert.NotNull(steps);
        OnnxChecker.AssertValid(_temp.Save(steps.Row, $"{folder}-row.onnx"));
        OnnxChecker.AssertValid(_temp.Save(steps.Step, $"{folder}-step.onnx"));
        Assert.Equal(file == "bottom-prior.onnx" ? (7, 7) : null, steps.Layout.Condition);
    }

    [Fact]
    public void A_graph_without_gated_layers_is_refused_with_the_reason()
    {
        // Given: an autoregressive-looking file whose graph is one Relu.
        var graph = new OnnxGraphBuilder();
        graph.AddOutput(graph.Relu(graph.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 4])), "y");
        var model = graph.BuildModel("foreign", new Dictionary<string, string>
        {
            [OnnxMetadataKeys.Autoregressive.Levels] = "4",
            [OnnxMetadataKeys.Autoregressive.GridWidth] = "4",
        });

        // When / Then
        Assert.Null(PixelCnnStepGraphs.TryCreate(model, out var reason));
        Assert.Contains("layers.0.vertical.weight", reason);
    }

    public void Dispose() => _temp.Dispose();
}
