using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Graph;

namespace Pipeline.Onnx.Tests.Graph;

/// <summary>
/// What the builder records for Reshape's inferred (-1) dimension. It may call it "batch" only when it is the batch;
/// batch × something is a different size, and naming both "batch" made ONNX Runtime fail re-using buffers.
/// </summary>
public sealed class ReshapeShapeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void An_inferred_dimension_that_is_the_batch_is_named_batch()
    {
        var builder = new OnnxGraphBuilder();
        var x = builder.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 4, 3]);

        var flat = builder.Reshape(x, [-1, 12]);

        Assert.Equal([OnnxGraphBuilder.DynamicBatch, 12L], builder.ShapeOf(flat)!);
    }

    [Fact]
    public void An_inferred_dimension_that_is_a_multiple_of_the_batch_is_left_unknown_and_runs_at_every_batch()
    {
        // Given x (batch, 4, 3) reshaped to rows of 3: (batch·4, 3), used by a later node
        var builder = new OnnxGraphBuilder();
        var x = builder.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 4, 3]);
        var rows = builder.Reshape(builder.Relu(x), [-1, 3]);
        builder.AddOutput(builder.Relu(rows), "y");

        // Then: no shape is claimed for the rows, and ONNX Runtime runs the graph at several batch sizes.
        Assert.Null(builder.ShapeOf(rows));
        var path = _temp.File("rows.onnx");
        File.WriteAllBytes(path, builder.BuildModel("rows").ToByteArray());
        using var session = new InferenceSession(path);
        foreach (var batch in new[] { 2, 5, 1 })
        {
            var values = Enumerable.Range(0, batch * 12).Select(v => v - 6f).ToArray();
            using var input = OrtValue.CreateTensorValueFromMemory(values, [batch, 4, 3]);
            using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
            Assert.Equal([batch * 4L, 3L], outputs[0].GetTensorTypeAndShape().Shape);
            Assert.Equal(values.Select(v => Math.Max(v, 0f)), outputs[0].GetTensorDataAsSpan<float>().ToArray());
        }
    }

    public void Dispose() => _temp.Dispose();
}
