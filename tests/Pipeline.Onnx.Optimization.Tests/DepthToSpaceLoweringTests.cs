using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Proto;

namespace Pipeline.Onnx.Optimization.Tests;

public sealed class DepthToSpaceLoweringTests
{
    [Theory]
    [InlineData("DCR", 2)]
    [InlineData("DCR", 3)]
    [InlineData("CRD", 2)]
    [InlineData("CRD", 4)]
    public void Lowered_depth_to_space_puts_every_value_where_onnx_runtime_puts_it_at_any_image_size(string mode, int block)
    {
        // Given: one DepthToSpace over (batch, 3·s², height, width) with symbolic height and width, and its lowering.
        var original = DepthToSpaceModel(mode, block, channels: 3);
        var lowered = original.Clone();

        // When
        var rewritten = DepthToSpaceLowering.Apply(lowered.Graph);

        // Then: two Transposes and no DepthToSpace, and ONNX Runtime gives the same values at two sizes and batches.
        Assert.Equal(1, rewritten);
        Assert.DoesNotContain(lowered.Graph.Node, n => n.OpType == "DepthToSpace");
        Assert.Equal(2, lowered.Graph.Node.Count(n => n.OpType == "Transpose"));
        foreach (long[] shape in new[] { new long[] { 2, 3 * block * block, 3, 4 }, [1, 3 * block * block, 5, 2] })
        {
            var input = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => (float)i).ToArray();
            Assert.Equal(Run(original, input, shape), Run(lowered, input, shape));
        }
    }

    internal static ModelProto DepthToSpaceModel(string mode, int block, int channels)
    {
        static TensorShapeProto.Types.Dimension Symbolic(string name) => new() { DimParam = name };

        static ValueInfoProto Image(string name, TensorShapeProto.Types.Dimension depth) => new()
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)OnnxElementType.Float32,
                    Shape = new TensorShapeProto { Dim = { Symbolic("batch"), depth, Symbolic("h"), Symbolic("w") } },
                },
            },
        };

        var graph = new GraphProto
        {
            Name = "d2s",
            Input = { Image("x", new TensorShapeProto.Types.Dimension { DimValue = channels * block * block }) },
            Output = { Image("y", new TensorShapeProto.Types.Dimension { DimValue = channels }) },
            Node =
            {
                new NodeProto
                {
                    OpType = "DepthToSpace", Name = "shuffle", Input = { "x" }, Output = { "y" },
                    Attribute = { OnnxAttribute.Int("blocksize", block), OnnxAttribute.String("mode", mode) },
                },
            },
        };
        var model = new ModelProto { IrVersion = OnnxVersions.IrVersionFor(OnnxVersions.DefaultOpset), Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxVersions.DefaultOpset });
        return model;
    }

    private static float[] Run(ModelProto model, float[] input, long[] shape)
    {
        using var session = new InferenceSession(model.ToByteArray());
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var outputs = session.Run(new RunOptions(), ["x"], [value], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
