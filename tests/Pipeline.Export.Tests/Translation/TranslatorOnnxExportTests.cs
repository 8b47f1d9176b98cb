using System.Globalization;
using Pipeline.Export.Cards;
using Pipeline.Export.Families;
using Pipeline.Models.Translation;
using Pipeline.Onnx;
using Pipeline.Onnx.Summary;
using TorchSharp.Modules;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.Translation;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class TranslatorOnnxExportTests
{
    [Fact]
    public void CycleGan_generator_matches_torchsharp_and_says_its_direction()
    {
        // Given
        manual_seed(11);
        using var generator = new ResnetGenerator(1, 1, width: 4, blocks: 2);
        var description = new TranslatorDescription("cyclegan", "sneaker→ankle boot", 1, 28, 28, 1, SizeMultiple: generator.SizeMultiple);

        // When
        var report = TranslatorOnnxExport.Export(generator, description, NewPath("cyclegan"), "run-c");

        // Then
        Assert.InRange(report.MaxAbsDifference["translated"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path)));
        Assert.Equal(("cyclegan", OnnxMetadataKeys.Roles.Translator, 28, 28), (metadata.ModelFamily, metadata.Role, metadata.ImageHeight, metadata.ImageWidth));
        Assert.Equal((0.0, 1.0), metadata.ValueRange);
        Assert.Equal("sneaker→ankle boot", metadata.Extra[TranslatorOnnxExport.Keys.Direction]);
        Assert.Equal("eval", metadata.Extra[TranslatorOnnxExport.Keys.DropoutMode]);
    }

    [Fact]
    public void UNet_with_dropout_exports_its_eval_mode_and_keeps_the_callers_mode()
    {
        // Given: a U-Net in training mode, so dropout would be active if the export traced it as it is.
        manual_seed(12);
        using var generator = new UNetGenerator(1, 3, depth: 4, width: 4);
        generator.train();
        var description = new TranslatorDescription("pix2pix", "edges→item", 1, 16, 16, 3, SizeMultiple: generator.SizeMultiple);

        // When
        var report = TranslatorOnnxExport.Export(generator, description, NewPath("pix2pix"), "run-p", dynamicSize: true);

        // Then: parity holds (so dropout is off in both), the file is valid and training mode is restored.
        Assert.InRange(report.MaxAbsDifference["translated"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        Assert.True(generator.training);
        AssertSymbolicSize(report.Path);
    }

    [Fact]
    public void UNet_with_resize_convolutions_and_no_inner_norm_exports_with_parity_at_two_sizes()
    {
        // Given: pix2pix's U-Net as new runs build it (nearest ×2 then 3×3 convolutions, no norm on the 2×2 maps).
        manual_seed(13);
        using var generator = new UNetGenerator(1, 1, depth: 4, width: 4, upsampling: UNetUpsampling.NearestConvolution, innerLevelsWithoutNorm: 2);
        var description = new TranslatorDescription("pix2pix", "edges→item", 1, 16, 16, 1, SizeMultiple: generator.SizeMultiple);

        // When: the export checks parity at the trained size and at another multiple of 16.
        var report = TranslatorOnnxExport.Export(generator, description, NewPath("pix2pix-resize"), "run-r", dynamicSize: true);

        // Then
        Assert.InRange(report.MaxAbsDifference["translated"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        AssertSymbolicSize(report.Path);
    }

    [Fact]
    public void CycleGan_generator_with_dynamic_size_runs_at_another_multiple_of_four()
    {
        // Given
        manual_seed(15);
        using var generator = new ResnetGenerator(3, 3, width: 4, blocks: 1);
        var description = new TranslatorDescription("cyclegan", "A→B", 3, 12, 12, 3, SizeMultiple: 4);

        // When: the export checks parity at 16x20 as well as 12x12.
        var report = TranslatorOnnxExport.Export(generator, description, NewPath("cyclegan-dynamic"), "run-d", dynamicSize: true);

        // Then
        OnnxChecker.AssertValid(report.Path);
        AssertSymbolicSize(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path)));
        Assert.Equal(("true", "4"), (metadata.Extra[TranslatorOnnxExport.Keys.DynamicSize], metadata.Extra[TranslatorOnnxExport.Keys.SizeMultiple]));
    }

    [Fact]
    public void A_dynamic_size_export_reports_the_macs_of_the_fixed_size_graph_at_the_trained_size()
    {
        // Given one generator exported with fixed and with symbolic height and width
        manual_seed(16);
        using var generator = new ResnetGenerator(1, 1, width: 4, blocks: 1);
        var description = new TranslatorDescription("cyclegan", "A→B", 1, 12, 8, 1, SizeMultiple: 4);
        var fixedSize = OnnxModelSummary.Read(TranslatorOnnxExport.Export(generator, description, NewPath("fixed"), "run-f").Path);

        // When
        var report = TranslatorOnnxExport.Export(generator, description, NewPath("symbolic"), "run-s", dynamicSize: true);
        var symbolic = OnnxModelSummary.Read(report.Path);

        // Then: the fixed graph counts them itself; the symbolic one carries the same count, said to hold at 12x8
        Assert.True(fixedSize.MacsComplete);
        Assert.Null(fixedSize.MacsImageSize);
        Assert.True(fixedSize.MacsPerSample > 0);
        Assert.Equal((fixedSize.MacsPerSample, "12x8"), (symbolic.MacsPerSample, symbolic.MacsImageSize));
        Assert.Contains($"MACs per sample: {fixedSize.MacsPerSample.ToString("N0", CultureInfo.InvariantCulture)} at 12x8", symbolic.Describe());
        Assert.Contains($"| {fixedSize.MacsPerSample:N0} at 12×8 |", new ModelCard().Files(report).ToString());
    }

    [Theory]
    [InlineData(4, 7)]
    [InlineData(2, 14)]
    public void Super_resolution_generator_exports_its_pixel_shuffle_for_any_image_size(int factor, int size)
    {
        // Given
        manual_seed(13);
        using var generator = new SuperResolutionGenerator(1, factor, width: 4, blocks: 2);
        var description = TranslatorOnnxExport.SuperResolution(generator, 1, size);

        // When
        var report = TranslatorOnnxExport.Export(generator, description, NewPath("superres"), "run-s", dynamicSize: true);

        // Then
        Assert.InRange(report.MaxAbsDifference["translated"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        var model = OnnxFile.Read(report.Path);
        // The pixel shuffle's DepthToSpace is lowered to Transposes whose Reshapes hold no image size (checked at a second size).
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "DepthToSpace");
        Assert.Contains(model.Graph.Node, n => n.OpType == "Transpose");
        Assert.Equal("28", OnnxModelMetadata.FromProperties(OnnxFile.Metadata(model)).Extra[TranslatorOnnxExport.Keys.OutputHeight]);
        AssertSymbolicSize(report.Path);
    }

    [Fact]
    public void Pixel_shuffle_with_many_channels_keeps_pytorch_channel_order()
    {
        // Given: 3 output channels, where DCR and CRD orders differ.
        manual_seed(14);
        using var shuffle = nn.Sequential(("conv", nn.Conv2d(2, 12, 1)), ("shuffle", nn.PixelShuffle(2)), ("prelu", nn.PReLU(3)));
        using (no_grad())
        {
            ((PReLU)shuffle[2]).weight!.copy_(tensor(new float[] { 0.1f, 0.2f, 0.3f }));
        }

        // When
        var report = ExportChecked(shuffle, [2, 3, 5], "shuffle");

        // Then
        Assert.InRange(report.MaxAbsDifference["output"], 0, 1e-5);
        OnnxChecker.AssertValid(report.Path);
    }

    private static void AssertSymbolicSize(string path)
    {
        var graph = OnnxFile.Read(path).Graph;
        Assert.Equal(["batch", "height", "width"], graph.Input[0].Type.TensorType.Shape.Dim.Where(d => d.DimParam.Length > 0).Select(d => d.DimParam));
        Assert.Equal(["batch", "out_height", "out_width"], graph.Output[0].Type.TensorType.Shape.Dim.Where(d => d.DimParam.Length > 0).Select(d => d.DimParam));
    }
}
