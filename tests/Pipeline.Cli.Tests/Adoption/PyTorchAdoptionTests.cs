using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.MLNet;
using SkiaSharp;

namespace Pipeline.Cli.Tests.Adoption;

[Collection(nameof(CliSmokeTests))]
public sealed class PyTorchAdoptionTests(PyTorchExports exports) : IClassFixture<PyTorchExports>
{
    [Theory]
    [InlineData("cyclegan_resnet")]
    [InlineData("pix2pix_unet")]
    public void An_adopted_pytorch_translator_gives_pytorchs_outputs_through_mlnet(string name)
    {
        // Given: PyTorch's 256x256 RGB export, adopted by the CLI.
        using var temp = new TempDirectory();
        var (code, text) = CliOutput.Run(["adopt", exports.Onnx(name), "--role", "translator", "--out", temp.File("adopted"), "--image-size", "256x256"]);
        Assert.True(code == 0, text);
        OnnxChecker.AssertValid(temp.File("adopted", "translator.onnx"));
        var (input, shape, expected, _) = exports.Reference(name);

        // When: PyTorch's inputs as float vectors, which are in the model's units ([-1, 1] here), as its outputs are.
        // (The ResNet generator alone could not tell: instance norm after its first convolution hides any affine change of its input.)
        var ml = new MLContext(0);
        var data = Rows(ml, input, shape);
        var outputs = Outputs(ml.Transforms.GenerateImages("Output", temp.File("adopted", "translator.onnx"), nameof(Row.Image), batchSize: 2).Fit(data).Transform(data));

        // Then: PyTorch's own outputs, in the model's range.
        AssertPyTorchOutputs(name, expected, outputs);
        Assert.Contains("value range [-1, 1] from the output's Tanh", File.ReadAllText(temp.File("adopted", "MODEL_CARD.md")));
    }

    [Fact]
    public void An_adopted_pytorch_esrgan_upscaler_gives_pytorchs_256_pixel_outputs_from_64_pixel_inputs()
    {
        // Given: PyTorch's ×4 RRDB upscaler (symbolic sizes, no activation at the output, so its range is given).
        using var temp = new TempDirectory();
        var (code, text) = CliOutput.Run(["adopt", exports.Onnx("esrgan_rrdb"), "--role", "translator", "--out", temp.File("adopted"),
            "--image-size", "64x64", "--scale", "4", "--range", "0,1"]);
        Assert.True(code == 0, text);
        var model = temp.File("adopted", "translator.onnx");
        OnnxChecker.AssertValid(model);
        var (input, shape, expected, outputShape) = exports.Reference("esrgan_rrdb");

        // When: PyTorch's 64x64 inputs as float vectors in the model's units ([0, 1]).
        var ml = new MLContext(0);
        var data = Rows(ml, input, shape);
        var transformed = ml.Transforms.GenerateImages("Output", model, nameof(Row.Image), batchSize: 2).Fit(data).Transform(data);

        // Then: 3x256x256 per image, PyTorch's own values, and the output size in the metadata.
        Assert.Equal([2, 3, 256, 256], outputShape);
        Assert.Equal(3 * 256 * 256, ((VectorDataViewType)transformed.Schema["Output"].Type).Size);
        AssertPyTorchOutputs("esrgan_rrdb", expected, Outputs(transformed));
        var metadata = Pipeline.Onnx.OnnxFile.Metadata(Pipeline.Onnx.OnnxFile.Read(model));
        Assert.Contains("value range [0, 1] as given (--range)", File.ReadAllText(temp.File("adopted", "MODEL_CARD.md")));
        Assert.Equal(("256", "256"), (metadata[Pipeline.Onnx.OnnxMetadataKeys.Translation.OutputHeight], metadata[Pipeline.Onnx.OnnxMetadataKeys.Translation.OutputWidth]));
    }

    [Fact]
    public void An_upscaler_adopted_without_its_scale_is_refused_naming_the_scale_and_nothing_is_written()
    {
        using var temp = new TempDirectory();

        var (code, text) = CliOutput.Run(["adopt", exports.Onnx("esrgan_rrdb"), "--role", "translator", "--out", temp.File("adopted"), "--image-size", "64x64", "--range", "0,1"]);

        Assert.Equal(1, code);
        Assert.Contains("give --scale 4", text);
        Assert.False(File.Exists(temp.File("adopted", "translator.onnx")));
    }

    [Fact]
    public void An_adopted_pytorch_dcgan_generator_gives_pytorchs_images_from_the_same_latents()
    {
        // Given: PyTorch's DCGAN generator, whose latent input is [batch, 100, 1, 1].
        using var temp = new TempDirectory();
        var (code, text) = CliOutput.Run(["adopt", exports.Onnx("dcgan"), "--role", "generator", "--out", temp.File("adopted")]);
        Assert.True(code == 0, text);
        var (latents, shape, expected, _) = exports.Reference("dcgan");

        // When: the same latents as rows of Vector<Single, 100>.
        var ml = new MLContext(0);
        var data = Rows(ml, latents, shape);
        var outputs = Outputs(ml.Transforms.GenerateImages("Output", temp.File("adopted", "generator.onnx"), nameof(Row.Image)).Fit(data).Transform(data));

        // Then
        AssertPyTorchOutputs("dcgan", expected, outputs);
    }

    [Fact]
    public void Metadata_given_as_options_runs_the_unchanged_pytorch_file_and_survives_save_and_load()
    {
        // Given: the file exactly as PyTorch wrote it, and the settings adoption would read from it.
        using var temp = new TempDirectory();
        var file = exports.Onnx("pix2pix_unet");
        var bytes = File.ReadAllBytes(file);
        var (input, shape, expected, _) = exports.Reference("pix2pix_unet");
        var ml = new MLContext(0);
        var data = Rows(ml, input, shape);
        var metadata = new Pipeline.Onnx.OnnxModelMetadata
        {
            Role = Pipeline.Onnx.OnnxMetadataKeys.Roles.Translator, ImageChannels = 3, ImageHeight = 256, ImageWidth = 256, ValueRange = (-1, 1),
            Extra = new Dictionary<string, string> { [Pipeline.Onnx.OnnxMetadataKeys.Translation.DynamicSize] = "true" },
        };

        // When: fitted, saved with mlContext.Model.Save and loaded back.
        var fitted = ml.Transforms.GenerateImages(new GenerateImagesOptions { ModelFile = file, OutputColumnName = "Output", InputColumnName = nameof(Row.Image), Metadata = metadata }).Fit(data);
        ml.Model.Save(fitted, data.Schema, temp.File("model.zip"));
        var loaded = ml.Model.Load(temp.File("model.zip"), out _);

        // Then: PyTorch's outputs both ways, and the file itself untouched.
        foreach (var transformer in new ITransformer[] { fitted, loaded })
        {
            AssertPyTorchOutputs("pix2pix_unet", expected, Outputs(transformer.Transform(data)));
        }

        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void The_translate_verb_runs_an_adopted_rgb_model_on_256_pixel_images() =>
        Assert.Equal((256, 256), TranslatedSize(["adopt", exports.Onnx("cyclegan_resnet"), "--role", "translator", "--image-size", "256x256"], 256, new SKColor(200, 40, 90)));

    [Fact]
    public void The_translate_verb_upscales_64_pixel_images_to_256_with_an_adopted_upscaler() =>
        Assert.Equal((256, 256), TranslatedSize(["adopt", exports.Onnx("esrgan_rrdb"), "--role", "translator", "--image-size", "64x64", "--scale", "4", "--range", "0,1"], 64, new SKColor(30, 160, 220)));

    [Fact]
    public void A_symbolic_size_without_image_size_is_refused_naming_the_option_and_nothing_is_written()
    {
        using var temp = new TempDirectory();

        var (code, text) = CliOutput.Run(["adopt", exports.Onnx("cyclegan_resnet"), "--role", "translator", "--out", temp.File("adopted")]);

        Assert.Equal(1, code);
        Assert.Contains("symbolic height and width", text);
        Assert.Contains("--image-size", text);
        Assert.False(Directory.Exists(temp.File("adopted")) && Directory.EnumerateFiles(temp.File("adopted")).Any());
    }

    [Fact]
    public void A_generator_adopted_as_a_translator_is_refused_by_its_channel_count_and_nothing_is_written()
    {
        using var temp = new TempDirectory();

        var (code, text) = CliOutput.Run(["adopt", exports.Onnx("dcgan"), "--role", "translator", "--out", temp.File("adopted")]);

        Assert.Equal(1, code);
        Assert.Contains("has 100 channels; images have 1 (grey) or 3 (RGB)", text);
        Assert.False(File.Exists(temp.File("adopted", "translator.onnx")));
    }

    [Fact]
    public void The_transforms_tell_how_to_adopt_a_file_without_our_metadata()
    {
        var ml = new MLContext(0);

        var error = Assert.ThrowsAny<Exception>(() => ml.Transforms.TranslateImages("Out", exports.Onnx("cyclegan_resnet"), "In"));

        Assert.True(error.Message.Contains("pipeline adopt cyclegan_resnet.onnx --role translator", StringComparison.Ordinal), error.Message);
    }

    // Adopts with the given arguments, then runs `translate` on one size×size PNG of one colour: the output's width and height.
    [Fact]
    public void A_model_adopted_as_bgr_translates_as_the_rgb_adoption_does_with_red_and_blue_swapped_on_both_sides()
    {
        // Given: PyTorch's pix2pix U-Net adopted as RGB and as BGR, and a 256-pixel colour gradient with its red and blue swapped
        string[] adopt = ["adopt", exports.Onnx("pix2pix_unet"), "--role", "translator", "--image-size", "256x256"];
        SKColor Gradient(int x, int y) => new((byte)x, (byte)y, (byte)(255 - x));

        // When: the BGR adoption translates the gradient and the RGB one the swapped gradient
        using var bgr = Translated([.. adopt, "--channel-order", "bgr"], 256, Gradient);
        using var rgb = Translated(adopt, 256, (x, y) => Swap(Gradient(x, y)));

        // Then: every output pixel is the other's with red and blue swapped
        Assert.All(Enumerable.Range(0, 256 * 256), i => Assert.Equal(Swap(rgb.GetPixel(i % 256, i / 256)), bgr.GetPixel(i % 256, i / 256)));
    }

    private static SKColor Swap(SKColor c) => new(c.Blue, c.Green, c.Red, c.Alpha);

    private static (int Width, int Height) TranslatedSize(string[] adopt, int size, SKColor colour)
    {
        using var translated = Translated(adopt, size, (_, _) => colour);
        return (translated.Width, translated.Height);
    }

    // Adopts with the CLI, then translates one size×size PNG painted by colourAt with `pipeline translate`.
    private static SKBitmap Translated(string[] adopt, int size, Func<int, int, SKColor> colourAt)
    {
        using var temp = new TempDirectory();
        var adopted = CliOutput.Run([.. adopt, "--out", temp.File("adopted")]);
        Assert.True(adopted.Code == 0, adopted.Text);
        Directory.CreateDirectory(temp.File("in"));
        using (var bitmap = new SKBitmap(size, size))
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    bitmap.SetPixel(x, y, colourAt(x, y));
                }
            }

            using var file = File.Create(temp.File("in", "image.png"));
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }

        var (code, text) = CliOutput.Run(["translate", temp.File("adopted"), "--input", temp.File("in"), "--out", temp.File("out")]);
        Assert.True(code == 0, text);
        return SKBitmap.Decode(temp.File("out", "image.png"));
    }

    // PyTorch's input tensor [N, ...] as N rows of one float vector column.
    private static IDataView Rows(MLContext ml, float[] values, int[] shape)
    {
        var size = shape.Skip(1).Aggregate(1, (product, d) => product * d);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, shape[0]).Select(i => new Row { Image = values.AsSpan(i * size, size).ToArray() }), schema);
    }

    private static float[] Outputs(IDataView transformed) => [.. transformed.GetColumn<float[]>("Output").SelectMany(o => o)];

    private static void AssertPyTorchOutputs(string name, float[] expected, float[] outputs)
    {
        Assert.Equal(expected.Length, outputs.Length);
        var worst = expected.Zip(outputs, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-4, $"{name}: max |PyTorch − ML.NET| = {worst:G3}");
    }

    private sealed class Row
    {
        public float[] Image { get; set; } = [];
    }
}
