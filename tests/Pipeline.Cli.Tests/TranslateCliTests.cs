using Pipeline.Export.Families;
using Pipeline.Models.Translation;
using SkiaSharp;

namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class TranslateCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-translate-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void An_exported_super_resolution_translator_upscales_a_folder_through_ml_net()
    {
        // Given a 2x super-resolution generator exported for 7x7 grey images, and three 7x7 PNGs
        var model = Path.Combine(_root, "superres");
        TorchSharp.torch.random.manual_seed(0);
        using var generator = new SuperResolutionGenerator(channels: 1, factor: 2, width: 8, blocks: 1);
        TranslatorOnnxExport.Export(generator, TranslatorOnnxExport.SuperResolution(generator, 1, 7), Path.Combine(model, "translator.onnx"), "test");
        var inputs = Path.Combine(_root, "low");
        Directory.CreateDirectory(inputs);
        for (var i = 0; i < 3; i++)
        {
            using var bitmap = new SKBitmap(7, 7);
            bitmap.Erase(new SKColor((byte)(40 * i), (byte)(40 * i), (byte)(40 * i)));
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(inputs, $"low-{i}.png"), png.ToArray());
        }

        File.WriteAllText(Path.Combine(inputs, "notes.txt"), "not an image");
        var output = Path.Combine(_root, "high");

        // When
        var (code, text) = CliOutput.Run(["translate", model, "--input", inputs, "--out", output, "--batch-size", "2"]);

        // Then: one 14x14 PNG per source, named after it, and nothing half-written; the other file is named, the bar ends full
        Assert.True(code == 0, text);
        Assert.Contains("skipping 1 file that is not PNG/JPEG: notes.txt", text);
        Assert.Contains("3/3", text);
        Assert.Contains("100%", text);
        Assert.Contains("images/s, ML.NET, batch 2", text);
        Assert.Equal(["low-0.png", "low-1.png", "low-2.png"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        using var first = SKBitmap.Decode(Path.Combine(output, "low-0.png"));
        Assert.Equal((14, 14), (first.Width, first.Height));

        // And translating into the input folder is refused before anything is written
        var before = Directory.GetFiles(inputs).Select(File.ReadAllBytes).ToArray();
        var (refused, message) = CliOutput.Run(["translate", model, "--input", inputs, "--out", inputs]);
        Assert.Equal(2, refused);
        Assert.Contains("would overwrite the input", message);
        Assert.Equal(before, Directory.GetFiles(inputs).Select(File.ReadAllBytes).ToArray());
    }

    [Fact]
    public void Translate_refuses_a_model_folder_without_a_translator()
    {
        Directory.CreateDirectory(_root);

        var (code, text) = CliOutput.Run(["translate", Path.Combine("..", "..", "..", "..", "..", "onnx", "vae-lecture"), "--input", _root, "--out", Path.Combine(_root, "out")]);

        Assert.Equal(2, code);
        Assert.Contains("translate needs an exported translator", text);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
