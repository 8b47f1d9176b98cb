using Pipeline.Export.Families;
using Pipeline.Models.Vae;
using Pipeline.Onnx;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.Families;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class VaeOnnxExportTests
{
    [Fact]
    public void Writes_a_checked_encoder_and_decoder_with_the_metadata_ml_net_needs()
    {
        // Given
        manual_seed(2);
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        vae.eval();
        var folder = Path.Combine(ExportHarness.Folder, "vae-family");
        using var images = rand(4, 1, 28, 28);

        // When
        var files = VaeOnnxExport.Export(vae, folder, "run-7", images);

        // Then
        Assert.False(vae.training || vae.Decoder.training, "export must leave the model in the mode it found it");
        Assert.Equal(new[] { 1, 5, 4 }, files.Encoder.BatchSizes);
        Assert.All(files.Encoder.MaxAbsDifference.Values.Concat(files.Decoder.MaxAbsDifference.Values), d => Assert.InRange(d, 0, 1e-4));
        OnnxChecker.AssertValid(files.Encoder.Path);
        OnnxChecker.AssertValid(files.Decoder.Path);
        var decoder = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(files.Decoder.Path)));
        Assert.Equal(OnnxMetadataKeys.Roles.Decoder, decoder.Role);
        Assert.Equal("vae", decoder.ModelFamily);
        Assert.Equal(20, decoder.LatentSize);
        Assert.Equal((0.0, 1.0), decoder.ValueRange);
        Assert.Equal("run-7", decoder.TrainingRunId);
        var encoder = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(files.Encoder.Path)));
        Assert.Equal(OnnxMetadataKeys.Roles.Encoder, encoder.Role);
        Assert.Equal((1, 28, 28), (encoder.ImageChannels, encoder.ImageHeight, encoder.ImageWidth));
    }

    [Fact]
    public void Reading_a_file_that_is_not_onnx_names_the_file()
    {
        var path = Path.Combine(ExportHarness.Folder, "not-a-model.onnx");
        File.WriteAllText(path, "this is a text file, not a protobuf");

        var error = Assert.Throws<InvalidDataException>(() => OnnxFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not an ONNX model", error.Message);
    }
}
