using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.Onnx.Tests.Graph;

public sealed class GraphEditsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_node_replaced_in_place_changes_what_onnx_runtime_computes_and_leaves_nothing_unread()
    {
        // Given: y = x·2 + 1, where the Mul reads a scale nothing else reads.
        var model = ScaleAndShift();
        var graph = model.Graph;
        var index = new GraphIndex(graph);
        var mul = graph.Node.Single(n => n.OpType == "Mul");
        Assert.Equal([2f], index.FloatConstant(mul.Input[1])!);
        Assert.True(index.HasSingleReader(mul.Output[0]));

        // When: the Mul becomes x − 3 at its position, and the unread scale is removed.
        var shift = index.FreeStem("scale", string.Empty);
        graph.Initializer.Add(OnnxTensors.Float(shift, [3f], [1]));
        GraphEdits.Replace(graph, mul, [new NodeProto { OpType = "Sub", Name = "minus", Input = { mul.Input[0], shift }, Output = { mul.Output[0] } }]);
        GraphEdits.RemoveUnread(graph);

        // Then: the Sub sits where the Mul was, the scale is gone, and ONNX Runtime gives (x − 3) + 1.
        Assert.Equal(["Sub", "Add"], graph.Node.Select(n => n.OpType));
        Assert.Equal("scale_1", shift);
        Assert.DoesNotContain(graph.Initializer, t => t.Name == "scale");
        var path = _temp.Save(model, "replaced.onnx");
        OnnxChecker.AssertValid(path);
        Assert.Equal([-1f, 0f, 5f], OnnxGraphBuilderTests.Run(path, [1, 2, 7], [1, 3]));
    }

    [Fact]
    public void A_renamed_value_is_renamed_in_the_interface_and_every_node()
    {
        var graph = ScaleAndShift().Graph;

        GraphEdits.Rename(graph, "x", "input");

        Assert.Equal("input", graph.Input[0].Name);
        Assert.Contains("input", graph.Node[0].Input);
        Assert.DoesNotContain(graph.Node.SelectMany(n => n.Input), name => name == "x");
        Assert.True(new GraphIndex(graph).IsTaken("input"));
        Assert.False(new GraphIndex(graph).IsTaken("x"));
    }

    [Fact]
    public void Replacing_a_node_that_is_not_in_the_graph_is_refused_by_name()
    {
        var graph = ScaleAndShift().Graph;

        var error = Assert.Throws<ArgumentException>(() => GraphEdits.Replace(graph, new NodeProto { Name = "stray", OpType = "Relu" }, []));

        Assert.Contains("'stray' (Relu)", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static ModelProto ScaleAndShift()
    {
        var builder = new OnnxGraphBuilder();
        var x = builder.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3]);
        builder.AddInitializer("scale", OnnxTensors.Float(string.Empty, [2f], [1]));
        builder.AddInitializer("one", OnnxTensors.Float(string.Empty, [1f], [1]));
        builder.AddOutput(builder.Add(builder.Mul(x, "scale"), "one"), "y");
        return builder.BuildModel("scale_and_shift");
    }
}
