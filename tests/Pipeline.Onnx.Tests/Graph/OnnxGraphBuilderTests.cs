using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.Onnx.Tests.Graph;

public sealed class OnnxGraphBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_linear_layer_with_a_relu_passes_the_checker_and_onnx_runtime_computes_it()
    {
        // Given: y = relu(x·Wᵀ + b) with W = [[1, -1], [2, 0], [0, 1]] (a Linear weight is [out, in]), b = [0, -5, 1].
        var builder = new OnnxGraphBuilder();
        var x = builder.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 2]);
        builder.AddInitializer("w", OnnxTensors.Float(string.Empty, [1, -1, 2, 0, 0, 1], [3, 2]));
        builder.AddInitializer("b", OnnxTensors.Float(string.Empty, [0, -5, 1], [3]));

        // When
        var y = builder.Relu(builder.Gemm(x, "w", "b", transposeB: true));
        var shape = builder.ShapeOf(y);
        builder.AddOutput(y, "y");
        var path = _temp.Save(builder.BuildModel("linear"), "linear.onnx");

        // Then: the builder knew the output's shape, and two rows give relu([x0 − x1, 2·x0 − 5, x1 + 1]).
        Assert.Equal([OnnxGraphBuilder.DynamicBatch, 3L], shape!);
        OnnxChecker.AssertValid(path);
        Assert.Equal([2f, 1f, 2f, 0f, 0f, 4f], Run(path, [3, 1, 1, 3], [2, 2]));
    }

    [Fact]
    public void Values_get_unique_names_within_the_scope()
    {
        var builder = new OnnxGraphBuilder { Scope = "block" };
        var x = builder.AddInput("x", OnnxElementType.Float32, [1, 4]);

        var first = builder.Relu(x);
        var second = builder.Relu(x);

        Assert.NotEqual(first, second);
        Assert.All(builder.Nodes, n => Assert.StartsWith("block", n.Name, StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();


    internal static float[] Run(string path, float[] input, long[] shape)
    {
        using var session = new InferenceSession(path);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var outputs = session.Run(new RunOptions(), ["x"], [value], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
