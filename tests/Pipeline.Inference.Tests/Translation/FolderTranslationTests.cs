using Pipeline.Cluster.Tests;
using Pipeline.Inference.Images;
using Pipeline.Inference.Translation;
using SkiaSharp;

namespace Pipeline.Inference.Tests.Translation;

public sealed class FolderTranslationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_truncated_image_refuses_the_whole_folder_before_anything_is_written()
    {
        // Given a 4x4 translator, two good images and one cut short
        var (model, input) = (Model(), _temp.File("in"));
        Png(input, "a.png", 4, 4);
        Png(input, "b.png", 4, 4);
        var cut = File.ReadAllBytes(Path.Combine(input, "a.png"));
        File.WriteAllBytes(Path.Combine(input, "cut.png"), cut[..(cut.Length / 2)]);
        var warnings = new List<string>();

        // When
        var error = Assert.Throws<InvalidDataException>(() =>
            ExportedModelOperations.OpenTranslation(new FolderTranslationRequest(model, input, _temp.File("out")), warnings: new Collect<string>(warnings)));

        // Then
        Assert.Contains("1 of 3 images cannot be translated, nothing was written", error.Message);
        Assert.Contains("cut.png: truncated PNG", error.Message);
        Assert.Single(warnings, w => w.StartsWith("cut.png: truncated PNG", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public void Skipping_bad_images_translates_the_others_and_reports_those_skipped()
    {
        // Given a good 4x4 image and one of another size
        var (model, input) = (Model(), _temp.File("in"));
        Png(input, "good.png", 4, 4);
        Png(input, "wide.png", 8, 4);

        // When
        var report = ExportedModelOperations.Translate(new FolderTranslationRequest(model, input, _temp.File("out")) { SkipBad = true });

        // Then
        Assert.Equal((2, 1), (report.Inputs, report.Translated));
        Assert.Equal(["good.png"], Directory.GetFiles(_temp.File("out")).Select(Path.GetFileName));
        Assert.Equal("translated 1 of 2 images; skipped 1: wide.png: 8x4 pixels, the model takes 4x4 (--resize stretch, pad or crop fits it)", report.SkippedMessage);
    }

    [Fact]
    public void An_image_of_another_size_is_fitted_when_asked_and_translated_to_the_models_size()
    {
        // Given an 8x4 white image and a translator that inverts colours
        var (model, input) = (Model(), _temp.File("in"));
        Png(input, "wide.png", 8, 4);
        var counts = new List<int>();

        // When
        var translation = ExportedModelOperations.OpenTranslation(new FolderTranslationRequest(model, input, _temp.File("out")) { Resize = ImageFit.Stretch });
        var report = translation.Translate(new Collect<int>(counts));

        // Then
        using var output = SKBitmap.Decode(_temp.File("out", "wide.png"));
        Assert.Equal((4, 4), (output.Width, output.Height));
        Assert.Equal(SKColors.Black, output.GetPixel(1, 1));
        Assert.Equal([1], counts);
        Assert.Null(report.SkippedMessage);
    }

    [Fact]
    public void A_folder_without_a_translator_is_a_request_mistake()
    {
        var error = Assert.Throws<InvalidRequestException>(() => ExportedModelOperations.OpenTranslation(new FolderTranslationRequest(_temp.Path, _temp.Path, _temp.File("out"))));

        Assert.Contains("translate needs an exported translator", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    private string Model()
    {
        var folder = _temp.File("model");
        Directory.CreateDirectory(folder);
        ClusterTinyModels.Translator(folder);
        return folder;
    }

    private static void Png(string folder, string name, int width, int height)
    {
        Directory.CreateDirectory(folder);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(folder, name), data.ToArray());
    }

    private sealed class Collect<T>(List<T> values) : IProgress<T>
    {
        public void Report(T value) => values.Add(value);
    }
}
