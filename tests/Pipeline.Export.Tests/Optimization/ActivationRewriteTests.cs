using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Proto;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class ActivationRewriteTests
{
    [Fact]
    public void A_one_slope_prelu_after_a_pixel_shuffle_becomes_a_leaky_relu_before_it()
    {
        // Given: SRGAN's upsampling step, conv → pixel shuffle → PReLU with one learned slope.
        manual_seed(44);
        using var module = Sequential(("conv", Conv2d(4, 16, 3, padding: 1)), ("shuffle", PixelShuffle(2)), ("prelu", PReLU(1, 0.2)));
        var options = new OnnxExportOptions { OutputPath = NewPath("prelu-hoisted"), Inputs = [OnnxTensorSpec.Batched("input", 4, 5, 6)], OutputNames = ["output"], LowerDepthToSpace = false };

        // When
        var report = ExportChecked(module, options);

        // Then: parity with TorchSharp held (ExportChecked); the activation reads the convolution, where ONNX Runtime fuses it.
        var graph = OnnxFile.Read(report.Path).Graph;
        Assert.Equal(["Conv", "LeakyRelu", "DepthToSpace"], graph.Node.Select(n => n.OpType));
        Assert.Equal(0.2f, graph.Node[1].Attribute.Single(a => a.Name == "alpha").F, 6);
    }

    [Fact]
    public void A_prelu_with_a_slope_per_channel_stays_a_prelu_and_after_the_shuffle()
    {
        manual_seed(45);
        using var module = Sequential(("conv", Conv2d(4, 12, 3, padding: 1)), ("shuffle", PixelShuffle(2)), ("prelu", PReLU(3)));
        using (no_grad())
        {
            ((TorchSharp.Modules.PReLU)module[2]).weight!.copy_(tensor(new float[] { 0.1f, 0.2f, 0.3f }));
        }

        var options = new OnnxExportOptions { OutputPath = NewPath("prelu-kept"), Inputs = [OnnxTensorSpec.Batched("input", 4, 5, 6)], OutputNames = ["output"], LowerDepthToSpace = false };
        var report = ExportChecked(module, options);

        Assert.Equal(["Conv", "DepthToSpace", "PRelu"], OnnxFile.Read(report.Path).Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void An_activation_stays_after_a_shuffle_whose_output_something_else_reads()
    {
        // Given: the shuffled image is both a graph output and the activation's input.
        manual_seed(46);
        using var module = Sequential(("conv", Conv2d(4, 16, 3, padding: 1)), ("shuffle", PixelShuffle(2)));
        var options = new OnnxExportOptions { OutputPath = NewPath("shared-shuffle"), Inputs = [OnnxTensorSpec.Batched("input", 4, 5, 6)], OutputNames = ["output"], LowerDepthToSpace = false };
        var model = OnnxExporter.BuildModel(module, options);
        var graph = model.Graph;
        var shuffled = graph.Output[0].Name;
        graph.Node.Add(new NodeProto { OpType = "Relu", Name = "relu", Input = { shuffled }, Output = { "activated" } });
        graph.Output.Add(new ValueInfoProto { Name = "activated", Type = graph.Output[0].Type.Clone() });

        // When / Then
        Assert.Equal(0, ActivationHoisting.Apply(graph));
        Assert.Equal(["Conv", "DepthToSpace", "Relu"], graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void A_prelu_whose_slope_is_an_identity_of_a_shared_initializer_becomes_a_leaky_relu()
    {
        // Given: PyTorch's exporter style, one initializer for equal slopes and an Identity for the second reader.
        var graph = new GraphProto
        {
            Initializer = { OnnxTensors.Float("slope", [0.25f], [1]) },
            Node =
            {
                new NodeProto { OpType = "PRelu", Name = "first", Input = { "x", "slope" }, Output = { "y" } },
                new NodeProto { OpType = "Identity", Name = "shared", Input = { "slope" }, Output = { "slope_copy" } },
                new NodeProto { OpType = "PRelu", Name = "second", Input = { "y", "slope_copy" }, Output = { "z" } },
            },
        };

        // When
        var rewritten = UniformPRelu.Apply(graph);

        // Then: both are LeakyRelu, and the Identity nothing reads any more is gone.
        Assert.Equal(2, rewritten);
        Assert.Equal(["LeakyRelu", "LeakyRelu"], graph.Node.Select(n => n.OpType));
        Assert.All(graph.Node, n => Assert.Equal(0.25f, n.Attribute.Single(a => a.Name == "alpha").F));
    }

    [Fact]
    public void A_clip_whose_bounds_are_computed_after_the_shuffle_stays_after_it()
    {
        // Given: DepthToSpace → Constant (the bound) → Clip, as a graph builder that emits constants in place writes it.
        var graph = new GraphProto
        {
            Node =
            {
                new NodeProto { OpType = "DepthToSpace", Name = "shuffle", Input = { "x" }, Output = { "shuffled" }, Attribute = { OnnxAttribute.Int("blocksize", 2) } },
                new NodeProto { OpType = "Constant", Name = "low", Output = { "zero" }, Attribute = { OnnxAttribute.Tensor("value", OnnxTensors.Float(string.Empty, [0f], [])) } },
                new NodeProto { OpType = "Clip", Name = "clip", Input = { "shuffled", "zero" }, Output = { "y" } },
            },
            Output = { new ValueInfoProto { Name = "y" } },
        };

        // When / Then: moving the Clip above the shuffle would read its bound before the Constant that makes it.
        Assert.Equal(0, ActivationHoisting.Apply(graph));
        Assert.Equal(["DepthToSpace", "Constant", "Clip"], graph.Node.Select(n => n.OpType));
    }
}
