using Pipeline.Onnx;
using Pipeline.Onnx.Optimization;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests.Optimization;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class OnnxGraphOptimizerTests
{
    [Fact]
    public void A_file_exported_without_the_rewrites_gets_them_and_keeps_its_outputs()
    {
        // Given: a DCGAN-style generator exported as it was before the rewrites existed (ConvTranspose layers, a 3×3
        // output layer to one channel), verified against TorchSharp.
        manual_seed(47);
        using var module = Sequential(
            ("up0", ConvTranspose2d(32, 16, 4, stride: 2, padding: 1)), ("relu0", ReLU()),
            ("up1", ConvTranspose2d(16, 16, 4, stride: 2, padding: 1)), ("relu1", ReLU()),
            ("out", Conv2d(16, 1, 3, padding: 1)), ("tanh", Tanh()));
        var plain = ExportChecked(module, new OnnxExportOptions
        {
            OutputPath = NewPath("plain-generator"),
            Inputs = [OnnxTensorSpec.Batched("z", 32, 3, 3)],
            OutputNames = ["image"],
            SplitConvTransposePhases = false,
            TapNarrowConvolutions = false,
            LowerDepthToSpace = false,
        });
        var originalBytes = File.ReadAllBytes(plain.Path);
        var optimizedPath = NewPath("optimized-generator");

        // When
        var report = OnnxGraphOptimizer.Optimize(plain.Path, optimizedPath, new OnnxOptimizationOptions { TimingBatch = 4, TimingRuns = 3 });

        // Then: both transposed convolutions became phases, the output layer taps, both interleaves Transposes; the
        // outputs match the original's, the input file is untouched and the written one passes ONNX's checker.
        Assert.Equal(2, report.Rewrites[nameof(ConvTransposePhaseRewrite)]);
        Assert.Equal(1, report.Rewrites[nameof(NarrowConvolutionTaps)]);
        Assert.Equal(2, report.Rewrites[nameof(DepthToSpaceLowering)]);
        Assert.InRange(report.MaxAbsDifference["image"], 0, 1e-4);
        Assert.NotNull(report.Timing);
        Assert.Equal(originalBytes, File.ReadAllBytes(plain.Path));
        var ops = OnnxFile.Read(optimizedPath).Graph.Node.Select(n => n.OpType).ToList();
        Assert.DoesNotContain("ConvTranspose", ops);
        Assert.DoesNotContain("DepthToSpace", ops);
        OnnxChecker.AssertValid(optimizedPath);
    }

    [Fact]
    public void A_symbolic_image_size_needs_a_size_and_nothing_is_written_without_one()
    {
        // Given: a fully convolutional model with symbolic height and width.
        manual_seed(48);
        using var module = Sequential(("up", ConvTranspose2d(4, 16, 4, stride: 2, padding: 1)), ("out", Conv2d(16, 1, 3, padding: 1)));
        var model = OnnxExporter.BuildModel(module, new OnnxExportOptions { OutputPath = "unused.onnx", Inputs = [OnnxTensorSpec.Batched("image", 4, 5, 5)], OutputNames = ["output"], SplitConvTransposePhases = false, TapNarrowConvolutions = false });
        foreach (var value in model.Graph.Input.Concat(model.Graph.Output))
        {
            value.Type.TensorType.Shape.Dim[2].DimParam = "height";
            value.Type.TensorType.Shape.Dim[3].DimParam = "width";
        }

        model.Graph.ValueInfo.Clear();
        var path = NewPath("symbolic");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        var output = NewPath("symbolic-optimized");

        // When / Then: without sizes the error names the input, the dimension and the fix, and writes nothing …
        var error = Assert.Throws<InvalidDataException>(() => OnnxGraphOptimizer.Optimize(path, output));
        Assert.Contains("input 'image' dimension 2 is symbolic ('height')", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dim height=N", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        // … and with them the rewritten graph is checked at that size and still takes any size.
        var report = OnnxGraphOptimizer.Optimize(path, output, new OnnxOptimizationOptions { Sizes = new Dictionary<string, long> { ["height"] = 6, ["width"] = 7 } });
        Assert.InRange(report.MaxAbsDifference["output"], 0, 1e-4);
        Assert.Equal("height", OnnxFile.Read(output).Graph.Input[0].Type.TensorType.Shape.Dim[2].DimParam);
    }
}
