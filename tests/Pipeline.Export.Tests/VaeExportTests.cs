using Pipeline.Onnx;
using Pipeline.Models.Vae;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests;

/// <summary>The project's VAEs export whole: the encoder with two outputs, the decoder with a trailing sigmoid.</summary>
public sealed class VaeExportTests
{
    public VaeExportTests() => manual_seed(11);

    public static TheoryData<string> Presets => new() { nameof(VaeOptions.Lecture), nameof(VaeOptions.Convolutional28) };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Encoder_exports_mean_and_log_variance(string preset)
    {
        var options = Preset(preset);
        var vae = VariationalAutoencoder.Create(options);
        var images = rand(3, options.Channels, options.ImageSize, options.ImageSize);

        var report = ExportChecked(vae.Encoder, new OnnxExportOptions
        {
            OutputPath = NewPath($"vae-encoder-{preset}"),
            Inputs = [OnnxTensorSpec.Batched("image", options.Channels, options.ImageSize, options.ImageSize)],
            OutputNames = ["mean", "log_var"],
            ParameterPrefix = "encoder",
            VerificationBatchSizes = [1, 7],
            VerificationInputs = [[images]],
        });

        Assert.Equal(new[] { "mean", "log_var" }, report.MaxAbsDifference.Keys);
        Assert.Equal(new[] { 1, 7, 3 }, report.BatchSizes);
        Assert.Equal(vae.Encoder.parameters().Sum(p => p.numel()), report.ParameterCount);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Decoder_with_sigmoid_exports_images_in_unit_range(string preset)
    {
        var options = Preset(preset);
        var vae = VariationalAutoencoder.Create(options);
        var decoder = Sequential(("decoder", vae.Decoder), ("sigmoid", Sigmoid()));

        var report = ExportChecked(decoder, new OnnxExportOptions
        {
            OutputPath = NewPath($"vae-decoder-{preset}"),
            Inputs = [OnnxTensorSpec.Batched("z", options.LatentSize)],
            OutputNames = ["image"],
            VerificationBatchSizes = [1, 7],
            Metadata = new OnnxModelMetadata { ModelFamily = "vae", Role = OnnxMetadataKeys.Roles.Decoder, LatentSize = options.LatentSize },
        });

        var model = RoundTripTests.Parse(report.Path);
        Assert.Contains(model.Graph.Initializer, i => i.Name == "decoder.hidden.weight");
        Assert.Equal("image", Assert.Single(model.Graph.Output).Name);
        Assert.Equal("batch", model.Graph.Output[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(options.ImageSize, model.Graph.Output[0].Type.TensorType.Shape.Dim[3].DimValue);
    }

    private static VaeOptions Preset(string name) => name switch
    {
        nameof(VaeOptions.Lecture) => VaeOptions.Lecture,
        nameof(VaeOptions.Convolutional28) => VaeOptions.Convolutional28,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
