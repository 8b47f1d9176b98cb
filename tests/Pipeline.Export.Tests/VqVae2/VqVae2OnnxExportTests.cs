using Microsoft.ML.OnnxRuntime;
using Pipeline.Export.Families;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.VqVae2;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class VqVae2OnnxExportTests
{
    [Theory]
    [InlineData(28, 2, 14, 7)]
    [InlineData(28, 4, 7, 4)] // odd bottom grid
    public void Encoder_and_decoder_match_torchsharp_codes_and_images(int size, int stride, int bottom, int top)
    {
        // Given: a tiny model whose codebooks have moved off their initialisation (training-mode forwards update the EMA).
        manual_seed(11);
        using var model = VqVae2Autoencoder.Create(new VqVae2Options(ImageSize: size, BottomStride: stride,
            HiddenChannels: 8, ResidualChannels: 4, ResidualBlocks: 1, CodebookSize: 16, CodeDim: 4));
        var images = rand(6, 1, size, size);
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                model.call(images);
            }
        }

        model.eval();

        // When
        var files = VqVae2OnnxExport.Export(model, Path.Combine(Folder, $"vqvae2-{size}-{stride}"), "run-v", classCount: 10, realImages: images);

        // Then: codes agree (flips only at exact float ties, which VqVae2CodeCheck allows; rare in a model this size)
        // and images within 1e-4, on random and real inputs.
        Assert.InRange(files.Encoder.MaxAbsDifference[VqVae2OnnxExport.TopCodes], 0, 0.1);
        Assert.InRange(files.Encoder.MaxAbsDifference[VqVae2OnnxExport.BottomCodes], 0, 0.1);
        Assert.InRange(files.Decoder.MaxAbsDifference["image"], 0, 1e-4);
        OnnxChecker.AssertValid(files.Encoder.Path);
        OnnxChecker.AssertValid(files.Decoder.Path);

        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(files.Decoder.Path)));
        Assert.Equal(("vqvae2", OnnxMetadataKeys.Roles.Decoder, 10), (metadata.ModelFamily, metadata.Role, metadata.ClassCount));
        Assert.Equal($"{top}x{top}", metadata.Extra[OnnxMetadataKeys.Codes.TopGrid]);
        Assert.Equal($"{bottom}x{bottom}", metadata.Extra[OnnxMetadataKeys.Codes.BottomGrid]);
        Assert.Equal("16", metadata.Extra[OnnxMetadataKeys.Codes.BottomCodebookSize]);
        Assert.Equal((1, size, size), (metadata.ImageChannels!.Value, metadata.ImageHeight!.Value, metadata.ImageWidth!.Value));
        Assert.Equal(OnnxMetadataKeys.Roles.Encoder, OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(files.Encoder.Path))).Role);
    }

    [Fact]
    public void Encoder_graph_quantises_with_argmin_and_gather_and_names_codebooks_by_checkpoint_key()
    {
        manual_seed(12);
        using var model = VqVae2Autoencoder.Create(new VqVae2Options(HiddenChannels: 8, ResidualChannels: 4, ResidualBlocks: 0, CodebookSize: 8, CodeDim: 2));
        model.eval();

        var files = VqVae2OnnxExport.Export(model, Path.Combine(Folder, "vqvae2-ops"), "run-o");

        var encoder = OnnxFile.Read(files.Encoder.Path).Graph;
        var decoder = OnnxFile.Read(files.Decoder.Path).Graph;
        Assert.Equal(2, encoder.Node.Count(n => n.OpType == "ArgMin"));
        Assert.Equal(2, decoder.Node.Count(n => n.OpType == "Gather"));
        Assert.DoesNotContain(decoder.Node, n => n.OpType == "ArgMin");
        Assert.Contains(decoder.Initializer, t => t.Name == "model.quantizeBottom.codebook");
        Assert.Contains(encoder.Initializer, t => t.Name == "model.quantizeTop.codebook");
        using var session = new InferenceSession(files.Decoder.Path);
        Assert.Equal(new[] { -1, 7, 7 }, session.InputMetadata[VqVae2OnnxExport.TopCodes].Dimensions);
        Assert.Equal(new[] { -1, 14, 14 }, session.InputMetadata[VqVae2OnnxExport.BottomCodes].Dimensions);
    }
}
