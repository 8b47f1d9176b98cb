using Pipeline.Models.Gans;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Proto;
using Pipeline.Export.Tests.Families;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class BatchNormFoldingTests
{
    public static TheoryData<string> Layers => ["conv", "conv-without-bias", "deconv-groups-2"];

    [Theory]
    [MemberData(nameof(Layers))]
    public void Convolution_then_batch_norm_exports_as_one_layer_that_matches_torchsharp(string layer)
    {
        // Given: a layer followed by a batch norm whose statistics, γ and β are far from (0, 1, 1, 0).
        manual_seed(11);
        var (module, perSample) = Build(layer);
        using var _ = module;
        var norm = (TorchSharp.Modules.BatchNorm2d)module.named_children().Last().module;
        WarmRunningStatistics(module, [8, .. perSample]);
        using (no_grad())
        {
            norm.weight!.uniform_(0.5, 2.0);
            norm.bias!.normal_(0, 0.5);
        }

        // When
        var options = Options(layer, [OnnxTensorSpec.Batched("input", perSample)]);
        var report = ExportChecked(module, options);

        // Then: ONNX Runtime parity held (ExportChecked), the checker accepts it, and the norm node is gone.
        var folded = OnnxFile.Read(report.Path).Graph;
        var unfolded = OnnxExporter.BuildModel(module, options with { FoldBatchNorm = false }).Graph;
        Assert.DoesNotContain(folded.Node, n => n.OpType == "BatchNormalization");
        Assert.Contains(unfolded.Node, n => n.OpType == "BatchNormalization");
        Assert.True(folded.Node.Count < unfolded.Node.Count, $"{folded.Node.Count} nodes folded against {unfolded.Node.Count}");
        Assert.DoesNotContain(folded.Initializer, t => t.Name.Contains("running_", StringComparison.Ordinal));
    }

    [Fact]
    public void Conditional_generator_folds_its_normalisation_but_keeps_the_per_class_scale_and_shift()
    {
        // Given: the fashion28 preset, narrowed, with moved statistics and per-class γ, β.
        manual_seed(12);
        using var generator = new DcganGenerator(GanOptions.ConditionalFashion28 with { LatentSize = 16, GeneratorWidth = 8 });
        GanOnnxExportTests.Perturb(generator);
        OnnxTensorSpec[] inputs =
        [
            OnnxTensorSpec.Batched("z", 16),
            new OnnxTensorSpec("label", [OnnxGraphBuilder.DynamicBatch], OnnxElementType.Int64) { IndexLimit = 10 },
        ];

        // When
        var options = Options("generator", inputs) with { TapNarrowConvolutions = false, LowerDepthToSpace = false };
        var report = ExportChecked(generator, options);

        // Then: all three normalisations (after the projection Gemm and after both ConvTransposes) are folded;
        // the class-dependent Mul and Add remain, one pair per CBN.
        var folded = OnnxFile.Read(report.Path).Graph;
        var unfolded = OnnxExporter.BuildModel(generator, options with { FoldBatchNorm = false }).Graph;
        Assert.Equal(3, unfolded.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.DoesNotContain(folded.Node, n => n.OpType == "BatchNormalization");
        Assert.Equal(unfolded.Node.Count - 9, folded.Node.Count); // each fold removes the norm and its two constant γ, β
        Assert.Equal(3, folded.Node.Count(n => n.OpType == "Mul"));
        Assert.Equal(3, folded.Node.Count(n => n.OpType == "Add"));
    }

    [Fact]
    public void A_convolution_whose_output_is_read_elsewhere_is_left_alone()
    {
        // Given: conv → BN, and the conv output is also a graph output (folding would change it).
        var graph = new OnnxGraphBuilder();
        var x = graph.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 2, 4, 4]);
        var weight = graph.AddInitializer("w", OnnxTensors.Float(string.Empty, new float[2 * 2 * 3 * 3], [2, 2, 3, 3]));
        var conv = graph.Conv(x, weight, null, [1, 1], [1, 1, 1, 1], [1, 1], 1);
        float[] one = [1f, 1f];
        var norm = graph.BatchNormalization(conv, graph.Constant(one, 2), graph.Constant([0f, 0f], 2), graph.Constant([0f, 0f], 2), graph.Constant(one, 2), 1e-5);
        graph.AddOutput(conv, "raw");
        graph.AddOutput(norm, "normalised");
        var built = graph.Build("shared");

        // When
        var folded = BatchNormFolding.Apply(built);

        // Then
        Assert.Equal(0, folded);
        Assert.Contains(built.Node, n => n.OpType == "BatchNormalization");
    }

    private static OnnxExportOptions Options(string stem, IReadOnlyList<OnnxTensorSpec> inputs) => new()
    {
        OutputPath = NewPath($"fold-{stem}"),
        Inputs = inputs,
        OutputNames = ["output"],
        VerificationBatchSizes = [1, 7],
    };

    private static (Module<Tensor, Tensor> Module, long[] PerSample) Build(string layer) => layer switch
    {
        "conv" => (Sequential(("conv", Conv2d(3, 4, 3, padding: 1)), ("norm", BatchNorm2d(4))), [3, 6, 6]),
        "conv-without-bias" => (Sequential(("conv", Conv2d(3, 4, 3, stride: 2, bias: false)), ("norm", BatchNorm2d(4))), [3, 7, 7]),
        "deconv-groups-2" => (Sequential(("deconv", ConvTranspose2d(4, 6, 4, stride: 2, padding: 1, groups: 2)), ("norm", BatchNorm2d(6))), [4, 5, 5]),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "unknown test layer"),
    };
}
