using Pipeline.Export.Families;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.Families;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class VqVae2PriorOnnxExportTests
{
    [Fact]
    public void Both_priors_are_written_beside_the_autoencoder_verified_on_real_codes_and_say_their_level()
    {
        // Given: a class-conditional 2x2 top prior and a 4x4 bottom prior given it, K = 16, 3 classes.
        manual_seed(21);
        var shape = new { Channels = 8, Layers = 2, OutputChannels = 8 };
        using var top = new PixelCnn(PixelCnnOptions.CodePrior(16, 2, 2, 3) with { Channels = shape.Channels, Layers = shape.Layers, OutputChannels = shape.OutputChannels, FirstKernelSize = 3 });
        using var bottom = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(16, 4, 4, 16, 2, 2, 3) with { Channels = shape.Channels, Layers = shape.Layers, OutputChannels = shape.OutputChannels, FirstKernelSize = 3 });
        var codes = (randint(16, [3, 2, 2], dtype: ScalarType.Int64), randint(16, [3, 4, 4], dtype: ScalarType.Int64), tensor(new long[] { 0, 2, 1 }));
        var folder = Path.Combine(Folder, "vqvae2-priors");

        // When
        var files = VqVae2PriorOnnxExport.Export(top, bottom, folder, "run-v", codes);

        // Then: the file names and metadata an ONNX Runtime sampler reads, parity on random and real batches, a valid model.
        Assert.Equal(Path.Combine(folder, "top-prior.onnx"), files.Top.Path);
        Assert.Equal(Path.Combine(folder, "bottom-prior.onnx"), files.Bottom.Path);
        foreach (var (report, level, inputs) in new[] { (files.Top, "top", new[] { "grid", "label" }), (files.Bottom, "bottom", new[] { "grid", "label", "condition" }) })
        {
            Assert.InRange(report.MaxAbsDifference["logits"], 0, 1e-4);
            Assert.Equal([1, 5, 3], report.BatchSizes);
            OnnxChecker.AssertValid(report.Path);
            var model = OnnxFile.Read(report.Path);
            Assert.Equal(inputs, model.Graph.Input.Select(i => i.Name));
            var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(model));
            Assert.Equal(("vqvae2", OnnxMetadataKeys.Roles.Autoregressive, 3), (metadata.ModelFamily, metadata.Role, metadata.ClassCount));
            Assert.Equal(level, metadata.Extra[OnnxMetadataKeys.Autoregressive.Level]);
            Assert.Equal("16", metadata.Extra[OnnxMetadataKeys.Autoregressive.Levels]);
        }
    }
}
