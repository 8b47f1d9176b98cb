using Microsoft.ML;
using Google.Protobuf;
using Microsoft.ML.Data;
using Pipeline.Inference.Adoption;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Optimization.Adoption;

namespace Pipeline.Inference.Tests.Adoption;

/// <summary>
/// Where another exporter's model keeps its colour channels: in blue, green, red order (a model trained on images as
/// OpenCV loads them), or last (channels-last, as TensorFlow exports).
/// </summary>
public sealed class ChannelAdoptionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(false, 200, 0, 0)]
    [InlineData(true, 0, 0, 50)]
    public void An_adopted_translator_sees_and_gives_its_channels_in_the_order_adoption_was_told(bool bgr, byte red, byte green, byte blue)
    {
        // Given a foreign 4x4 translator that keeps only its first channel, adopted as RGB or as BGR
        var adopted = ModelAdoption.Adopt(FirstChannelOnly(3), _temp.File(bgr ? "bgr" : "rgb"),
            new AdoptionSettings(OnnxMetadataKeys.Roles.Translator) { ValueRange = (0, 1), Bgr = bgr });

        // When a PNG of red 200, green 100, blue 50 goes through LoadImages → ResizeImages → TranslateImages, and the same model saved and loaded
        var ml = new MLContext(0);
        var bgra = Enumerable.Range(0, 16).SelectMany(_ => new byte[] { 50, 100, 200, 255 }).ToArray();
        using (var source = MLImage.CreateFromPixels(4, 4, MLPixelFormat.Bgra32, bgra))
        {
            source.Save(_temp.File("source.png"));
        }

        var data = ml.Data.LoadFromEnumerable(new[] { new PathRow { Path = "source.png" } });
        var model = ml.Transforms.LoadImages("Source", _temp.Path, nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Source", 4, 4))
            .Append(ml.Transforms.TranslateImages("Image", adopted.Report.Path, "Source")).Fit(data);
        var zip = _temp.File($"model-{bgr}.zip");
        ml.Model.Save(model, data.Schema, zip);
        var loaded = ml.Model.Load(zip, out _);

        // Then the kept channel is red for RGB and blue for BGR, the others 0, before and after saving
        foreach (var transformer in new[] { model, loaded })
        {
            var image = transformer.Transform(data).GetColumn<MLImage>("Image").Single();
            var pixels = image.Pixels.ToArray();
            var (r, g, b) = image.PixelFormat == MLPixelFormat.Bgra32 ? (pixels[2], pixels[1], pixels[0]) : (pixels[0], pixels[1], pixels[2]);
            Assert.Equal((red, green, blue), (r, g, b));
        }

        Assert.Equal(bgr ? "bgr" : null, adopted.Report.Metadata.GetValueOrDefault(OnnxMetadataKeys.ChannelOrder));
        Assert.Contains(bgr ? "| `pipeline.image.channel_order` | bgr |" : "## Check", File.ReadAllText(adopted.CardPath));
    }

    [Fact]
    public void A_grey_model_told_it_is_bgr_is_refused_and_nothing_is_written()
    {
        // Given a one-channel translator
        var file = FirstChannelOnly(1);
        var folder = _temp.File("grey");

        // When it is adopted as BGR
        var error = Assert.Throws<InvalidDataException>(() =>
            ModelAdoption.Adopt(file, folder, new AdoptionSettings(OnnxMetadataKeys.Roles.Translator) { ValueRange = (0, 1), Bgr = true }));

        // Then
        Assert.Contains("only colour images have a channel order", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, "translator.onnx")));
    }

    [Fact]
    public void A_channels_last_translator_is_refused_with_the_layout_adoption_takes()
    {
        // Given a translator whose input is [batch, 4, 4, 3]
        var b = new OnnxGraphBuilder();
        var x = b.AddInput("source", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 4, 4, 3]);
        b.AddOutput(b.Mul(x, b.Constant([0.5f])), "translated");
        var file = _temp.File("channels-last.onnx");
        File.WriteAllBytes(file, b.BuildModel("foreign", new Dictionary<string, string>()).ToByteArray());

        // When it is adopted
        var error = Assert.Throws<InvalidDataException>(() =>
            ModelAdoption.Adopt(file, _temp.File("nhwc"), new AdoptionSettings(OnnxMetadataKeys.Roles.Translator) { ValueRange = (0, 1) }));

        // Then the message says what the layout looks like and what adoption takes
        Assert.Contains("has 4 channels", error.Message);
        Assert.Contains("looks channels-last", error.Message);
        Assert.Contains("[batch, channels, height, width]", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    // image[b, c, 4, 4] → image × [1, 0, 0] over the channels: only the first channel is kept.
    private string FirstChannelOnly(int channels)
    {
        var b = new OnnxGraphBuilder();
        var x = b.AddInput("source", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, channels, 4, 4]);
        var mask = Enumerable.Range(0, channels).Select(c => c == 0 ? 1f : 0f).ToArray();
        b.AddOutput(b.Mul(x, b.Constant(mask, 1, channels, 1, 1)), "translated");
        var path = _temp.File($"foreign-{channels}.onnx");
        File.WriteAllBytes(path, b.BuildModel("foreign", new Dictionary<string, string>()).ToByteArray());
        return path;
    }

    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }
}
