using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.Onnx.Tests;

public sealed class OnnxGraphRewriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_rewritten_graph_takes_and_gives_single_rows_passes_the_checker_and_runs()
    {
        // Given y = 2x over [batch, 3]
        var original = Doubler();

        // When the input becomes one flat row and the output one row without the batch
        var rewriter = new OnnxGraphRewriter(original);
        rewriter.ReplaceInput("x", "X", OnnxElementType.Float32, [3], (b, x) => b.Reshape(x, [1, 3]));
        rewriter.ReplaceOutput("y", "Y", (b, y) => b.Reshape(y, [3]));
        var rewritten = rewriter.Finish();

        // Then
        var path = _temp.Save(rewritten, "rewritten.onnx");
        OnnxChecker.AssertValid(path);
        Assert.Equal(["X"], rewritten.Graph.Input.Select(v => v.Name));
        Assert.Equal(["Y"], rewritten.Graph.Output.Select(v => v.Name));
        Assert.Equal([3L], rewritten.Graph.Input[0].Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 2, 3 }, [3]);
        using var outputs = session.Run(new RunOptions(), ["X"], [input], ["Y"]);
        Assert.Equal([2f, 4f, 6f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([3L], outputs[0].GetTensorTypeAndShape().Shape);
    }

    [Fact]
    public void Undo_gives_back_the_original_model_exactly()
    {
        var original = Doubler();
        var rewriter = new OnnxGraphRewriter(original);
        rewriter.ReplaceInput("x", "x", OnnxElementType.Float32, [3], (b, x) => b.Reshape(x, [1, 3]));
        rewriter.ReplaceOutput("y", "y", (b, y) => b.Reshape(y, [3]));
        rewriter.ReplaceOutput("y", "levels", (b, y) => b.Clip(y, 0, 1));

        var undone = OnnxGraphRewriter.Undo(rewriter.Finish());

        Assert.Equal(original, undone);
    }

    [Fact]
    public void Undo_of_a_model_that_was_never_rewritten_is_null()
    {
        Assert.Null(OnnxGraphRewriter.Undo(Doubler()));
    }

    [Fact]
    public void Unknown_inputs_and_taken_names_are_refused_by_name()
    {
        var rewriter = new OnnxGraphRewriter(Doubler());

        var unknown = Assert.Throws<ArgumentException>(() => rewriter.ReplaceInput("z", "Z", OnnxElementType.Float32, [3], (b, x) => x));
        var taken = Assert.Throws<ArgumentException>(() => rewriter.ReplaceOutput("y", "scale", (b, y) => y));

        Assert.Contains("no input 'z' (inputs: x)", unknown.Message);
        Assert.Contains("'scale'", taken.Message);
    }

    [Fact]
    public void A_rewritten_model_is_not_rewritten_twice()
    {
        var rewritten = new OnnxGraphRewriter(Doubler()).Finish();

        var error = Assert.Throws<ArgumentException>(() => new OnnxGraphRewriter(rewritten));

        Assert.Contains("already rewritten", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    private static ModelProto Doubler()
    {
        var builder = new OnnxGraphBuilder();
        var x = builder.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3]);
        builder.AddInitializer("scale", OnnxTensors.Float(string.Empty, [2f], []));
        builder.AddOutput(builder.Mul(x, "scale"), "y");
        return builder.BuildModel("doubler", new Dictionary<string, string> { ["pipeline.role"] = "test" });
    }
}
