using Microsoft.ML.OnnxRuntime;
using Pipeline.Export.Families;
using Pipeline.Models.Vae;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests;

/// <summary>The project's VAEs export whole: the encoder with two outputs, the decoder with a trailing sigmoid.</summary>
[Collection(ProcessWideSeedCollection.Name)]
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
    public void Exported_decoder_gives_images_in_the_unit_range_under_onnx_runtime(string preset)
    {
        // Given: latents far out in the prior's tails, whose decoder logits lie well outside [0, 1].
        var options = Preset(preset);
        using var vae = VariationalAutoencoder.Create(options);
        vae.eval();
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var z = randn([16, options.LatentSize], generator: generator) * 10;
        float[] probabilities;
        using (no_grad())
        {
            var logits = vae.Decoder.call(z);
            Assert.True(logits.min().item<float>() < 0 && logits.max().item<float>() > 1, "the logits should leave [0, 1]");
            probabilities = sigmoid(logits).contiguous().data<float>().ToArray();
        }

        // When: the exporter writes the decoder, and ONNX Runtime runs it.
        var files = VaeOnnxExport.Export(vae, Path.Combine(Folder, $"vae-family-{preset}"), "run-1");
        float[] images = RunDecoder(files.Decoder.Path, z);

        // Then: every pixel is a probability, the sigmoid of the decoder's logits.
        Assert.Equal(probabilities.Length, images.Length);
        Assert.All(images, v => Assert.InRange(v, 0f, 1f));
        Assert.InRange(images.Zip(probabilities, (a, b) => Math.Abs(a - b)).Max(), 0f, 1e-4f);
        var model = RoundTripTests.Parse(files.Decoder.Path);
        Assert.Contains(model.Graph.Initializer, i => i.Name == "decoder.hidden.weight");
        Assert.Equal("image", Assert.Single(model.Graph.Output).Name);
        Assert.Equal("batch", model.Graph.Output[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(options.ImageSize, model.Graph.Output[0].Type.TensorType.Shape.Dim[3].DimValue);
    }

    private static float[] RunDecoder(string path, Tensor z)
    {
        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(z.contiguous().data<float>().ToArray(), z.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["z"], [input], ["image"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static VaeOptions Preset(string name) => name switch
    {
        nameof(VaeOptions.Lecture) => VaeOptions.Lecture,
        nameof(VaeOptions.Convolutional28) => VaeOptions.Convolutional28,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
