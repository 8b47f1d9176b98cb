using Google.Protobuf;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;
using Xunit.Sdk;

namespace Pipeline.Export.Tests;

/// <summary>The checker helper really checks: a graph with an undefined operator fails it.</summary>
public sealed class OnnxCheckerTests
{
    [Fact]
    public void Checker_rejects_a_model_with_an_undefined_operator()
    {
        var graph = new OnnxGraphBuilder();
        var x = graph.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3]);
        graph.AddOutput(graph.Unary("NoSuchOperator", x), "y");
        var model = new ModelProto { IrVersion = 8, Graph = graph.Build("broken") };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        var path = ExportHarness.NewPath("broken");
        File.WriteAllBytes(path, model.ToByteArray());

        var failure = Assert.Throws<TrueException>(() => OnnxChecker.AssertValid(path));

        Assert.Contains("NoSuchOperator", failure.Message);
    }
}
