using Pipeline.Data;
using Pipeline.Export.Families;
using Pipeline.Models.ProGan;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.ProGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class ProGanOnnxExportTests
{
    [Fact]
    public void Conditional_grown_generator_matches_torchsharp_and_carries_the_gan_metadata()
    {
        // Given: a conditional 32×32 generator whose weights and biases are all away from their initial values.
        manual_seed(11);
        using var generator = new ProGanGenerator(ProGanOptions.ConditionalFashion32 with { LatentSize = 16, WidthBase = 128, MaxWidth = 16, MinWidth = 8 });
        Perturb(generator);

        // When
        var report = ProGanOnnxExport.Export(generator, Path.Combine(Folder, "progan"), "run-p", classNames: FashionMnist.ClassNames);

        // Then: parity on random z and labels over the exporter's batches (it fails the export otherwise), checker-clean.
        Assert.InRange(report.MaxAbsDifference["image"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path)));
        Assert.Equal(("progan", OnnxMetadataKeys.Roles.Generator, 10, 16), (metadata.ModelFamily, metadata.Role, metadata.ClassCount, metadata.LatentSize));
        Assert.Equal((1, 32, 32), (metadata.ImageChannels, metadata.ImageHeight, metadata.ImageWidth));
        Assert.Equal((0.0, 1.0), metadata.ValueRange);
        Assert.Equal(FashionMnist.ClassNames, metadata.ClassNames);
        Assert.Equal(GanOnnxExport.GeneratorFile, Path.GetFileName(report.Path));
        Assert.DoesNotContain(Nodes(report), n => n.OpType == "ConvTranspose");
        Assert.Equal(3, Nodes(report).Count(n => n.OpType == "Resize"));
    }

    [Fact]
    public void Unconditional_rgb_generator_ignores_the_label_input()
    {
        manual_seed(12);
        using var generator = new ProGanGenerator(ProGanOptions.ConditionalRgb32 with { ClassCount = 0, ImageSize = 16, LatentSize = 8, WidthBase = 64, MaxWidth = 8, MinWidth = 8 });
        Perturb(generator);

        var report = ProGanOnnxExport.Export(generator, Path.Combine(Folder, "progan-u"), "run-u");

        Assert.InRange(report.MaxAbsDifference["image"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        Assert.Null(OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path))).ClassCount);
    }

    // Trains nothing: moves every parameter (biases start at 0, which would hide a bias mistake).
    private static void Perturb(ProGanGenerator generator)
    {
        using var noGrad = no_grad();
        foreach (var parameter in generator.parameters())
        {
            parameter.add_(randn_like(parameter) * 0.1);
        }
    }
}
