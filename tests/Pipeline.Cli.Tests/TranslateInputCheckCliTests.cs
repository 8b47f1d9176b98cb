using SkiaSharp;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>translate</c> decodes every input before it writes anything: a truncated file, a file that is no image and an
/// image of another size than the model's are refused by name; <c>--skip-bad</c> translates the rest and still fails;
/// <c>--resize</c> fits other sizes.
/// </summary>
// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class TranslateInputCheckCliTests : IDisposable
{
    // The committed CycleGAN translator: 28x28 grey in, 28x28 out.
    private static readonly string s_model = Path.Combine("..", "..", "..", "..", "..", "onnx", "sneaker2boot-fashion28");

    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("cut.png", "cut.png: truncated PNG (120 bytes)")]
    [InlineData("notes.png", "notes.png: not an image (32 bytes, neither PNG nor JPEG)")]
    [InlineData("flat.png", "flat.png: truncated PNG")]
    public void A_bad_png_is_refused_by_name_and_nothing_is_written(string name, string reason)
    {
        // Given two good images and a truncated PNG (its first 120 bytes) or a text file named .png
        var input = GoodImages(2);
        File.WriteAllBytes(Path.Combine(input, name), Bad(name));
        var output = _temp.File("out");

        // When
        var (code, text) = CliOutput.Run(["translate", s_model, "--input", input, "--out", output]);

        // Then: a bad input (exit 1), named with what is wrong, and no output at all
        Assert.True(code == 1, text);
        Assert.Contains(reason, text);
        Assert.Contains("nothing was written", text);
        Assert.DoesNotContain("imageStream", text);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public void Skip_bad_translates_the_rest_lists_what_it_skipped_and_exits_non_zero()
    {
        // Given
        var input = GoodImages(3);
        File.WriteAllBytes(Path.Combine(input, "cut.png"), Bad("cut.png"));
        File.WriteAllBytes(Path.Combine(input, "notes.png"), Bad("notes.png"));
        var output = _temp.File("out");

        // When
        var (code, text) = CliOutput.Run(["translate", s_model, "--input", input, "--out", output, "--skip-bad"]);

        // Then: the good images are translated (whole, under their names), the bad ones listed with their reasons
        Assert.True(code == 1, text);
        Assert.Equal(["good-0.png", "good-1.png", "good-2.png"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Contains("translated 3 of 5 images; skipped 2: cut.png: truncated PNG (120 bytes); notes.png: not an image", text);
        using var first = SKBitmap.Decode(Path.Combine(output, "good-0.png"));
        Assert.Equal((28, 28), (first.Width, first.Height));
    }

    [Fact]
    public void An_image_of_another_size_is_refused_without_resize()
    {
        // Given
        var input = GoodImages(1);
        Save(Path.Combine(input, "wide.png"), Solid(64, 48, SKColors.Red));
        var output = _temp.File("out");

        // When
        var (code, text) = CliOutput.Run(["translate", s_model, "--input", input, "--out", output]);

        // Then
        Assert.True(code == 1, text);
        Assert.Contains("wide.png: 64x48 pixels, the model takes 28x28 (--resize stretch, pad or crop fits it)", text);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Theory]
    [InlineData("stretch")]
    [InlineData("pad")]
    [InlineData("crop")]
    public void An_image_of_another_size_is_translated_at_the_model_size_with_resize(string mode)
    {
        // Given
        var input = GoodImages(1);
        Save(Path.Combine(input, "wide.png"), Solid(64, 48, SKColors.Red));
        var output = _temp.File("out");

        // When
        var (code, text) = CliOutput.Run(["translate", s_model, "--input", input, "--out", output, "--resize", mode]);

        // Then
        Assert.True(code == 0, text);
        using var wide = SKBitmap.Decode(Path.Combine(output, "wide.png"));
        Assert.Equal((28, 28), (wide.Width, wide.Height));
    }

    public void Dispose() => _temp.Dispose();

    private string GoodImages(int count)
    {
        var folder = _temp.File("in");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            Save(Path.Combine(folder, $"good-{i}.png"), Solid(28, 28, new SKColor((byte)(60 * i), 90, 120)));
        }

        return folder;
    }

    private static SKBitmap Solid(int width, int height, SKColor color)
    {
        var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        return bitmap;
    }

    private static byte[] Bad(string name) => name switch
    {
        "cut.png" => NoisyPng(28, 28)[..120],
        "flat.png" => FlatPngWithoutItsEnd(),
        _ => "a text file with an image's name"u8.ToArray(),
    };

    // A flat image's pixel data is a few bytes, so cutting off only the IEND chunk leaves every row decodable.
    private static byte[] FlatPngWithoutItsEnd()
    {
        using var bitmap = Solid(28, 28, new SKColor(128, 128, 128));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray()[..^12];
    }

    // Noise compresses badly, so 120 bytes end inside the pixel data rather than after it.
    private static byte[] NoisyPng(int width, int height)
    {
        var random = new Random(1);
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Save(string path, SKBitmap bitmap)
    {
        using (bitmap)
        using (var png = bitmap.Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(path, png.ToArray());
        }
    }
}
