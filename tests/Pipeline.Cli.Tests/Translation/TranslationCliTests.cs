using System.Text.Json;
using Pipeline.Cli;
using Pipeline.Onnx;
using Pipeline.Reports.Tests;
using SkiaSharp;

namespace Pipeline.Cli.Tests.Translation;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class TranslationCliTests : IDisposable
{
    private static readonly string[] s_tiny = ["--steps", "4", "--batch-size", "4", "--train-limit", "32", "--test-limit", "8", "--g-width", "4", "--d-width", "4",
        "--log-every", "2", "--sample-every", "2", "--checkpoint-every", "2", "--threads", "1"];

    private readonly TempDirectory _temp = new();

    [Fact]
    public void Pix2pix_on_edges_trains_is_evaluated_against_its_l1_only_baseline_exports_translates_and_writes_its_page()
    {
        // Given
        var (run, baseline, export) = (_temp.File("p2p"), _temp.File("p2p-l1"), _temp.File("onnx"));

        // When
        var trained = CliOutput.Run(["train", "pix2pix", .. s_tiny, "--flip", "--out", run]);
        var l1Only = CliOutput.Run(["train", "pix2pix", .. s_tiny, "--l1-only", "--out", baseline]);
        var evaluated = CliOutput.Run(["evaluate", run, "--baseline", baseline]);
        var exported = CliOutput.Run(["export", run, "--out", export]);
        var inputs = SavePngs(_temp.File("edges"), 3, 32, 32);
        var translated = CliOutput.Run(["translate", export, "--input", inputs, "--out", _temp.File("items")]);

        // Then
        Assert.True(trained.Code == 0, trained.Text);
        Assert.True(l1Only.Code == 0, l1Only.Text);
        Assert.True(evaluated.Code == 0, evaluated.Text);
        Assert.True(exported.Code == 0, exported.Text);
        Assert.True(translated.Code == 0, translated.Text);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "evaluation.json")));
        Assert.Equal($"L1-only U-Net (p2p-l1, step 4)", evaluation.RootElement.GetProperty("baselineName").GetString());
        Assert.InRange(evaluation.RootElement.GetProperty("quality").GetProperty("psnr").GetDouble(), 1, 100);
        Assert.Contains("L1-only U-Net (p2p-l1, step 4)", evaluated.Text);
        OnnxChecker.AssertValid(Path.Combine(export, "translator.onnx"));
        Assert.Contains("pix2pix (Isola et al. 2017)", File.ReadAllText(Path.Combine(export, "MODEL_CARD.md")));
        Assert.Equal(["edge-0.png", "edge-1.png", "edge-2.png"], Directory.GetFiles(_temp.File("items")).Select(Path.GetFileName).Order());
        foreach (var file in new[] { "config.json", "metrics.jsonl", "loss.png", "images/step-000002.png", "images/step-000004.png", "index.html" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }

        Assert.Contains("\"kind\": \"translation\"", File.ReadAllText(Path.Combine(run, "config.json")));
        AssertPageImagesLoad(Path.Combine(run, "index.html"), minimum: 3);
    }

    [Fact]
    public void Superres_is_measured_against_bicubic_and_its_export_upscales_seven_pixel_images_to_28()
    {
        // Given
        var (run, export) = (_temp.File("sr"), _temp.File("sr-onnx"));

        // When
        var trained = CliOutput.Run(["train", "superres", .. s_tiny, "--blocks", "1", "--out", run]);
        var evaluated = CliOutput.Run(["evaluate", run, "--test-images", "8"]);
        var exported = CliOutput.Run(["export", run, "--out", export]);
        var translated = CliOutput.Run(["translate", run, "--input", SavePngs(_temp.File("low"), 2, 7, 7), "--out", _temp.File("high")]);

        // Then
        Assert.True(trained.Code == 0, trained.Text);
        Assert.True(evaluated.Code == 0, evaluated.Text);
        Assert.Contains("bicubic upsampling ×4", evaluated.Text);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "evaluation.json")));
        Assert.InRange(evaluation.RootElement.GetProperty("baseline").GetProperty("psnr").GetDouble(), 10, 40);
        Assert.Equal(8, evaluation.RootElement.GetProperty("images").GetInt32());
        Assert.True(exported.Code == 0, exported.Text);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(Path.Combine(export, "translator.onnx"))));
        Assert.Equal(("superres", 7, 7), (metadata.ModelFamily, metadata.ImageHeight, metadata.ImageWidth));
        Assert.True(translated.Code == 0, translated.Text);
        using var high = SKBitmap.Decode(Path.Combine(_temp.File("high"), "edge-0.png"));
        Assert.Equal((28, 28), (high.Width, high.Height));
        Assert.True(File.Exists(Path.Combine(run, "onnx", "translator.onnx")), "translate RUN exports the run first");
        Assert.True(File.Exists(Path.Combine(export, "mlnet-model.zip")), "export writes the plain ML.NET zip");
        Assert.Contains("\"Inputs\":[\"Source\"]", File.ReadAllText(Path.Combine(export, "mlnet-expected.json")));
        var card = File.ReadAllText(Path.Combine(export, "MODEL_CARD.md"));
        Assert.Contains("## In a plain ML.NET app", card);
        Assert.Matches(@"\| [1-9][0-9,.]* at 7×7 \|", card);
    }

    [Fact]
    public void Superres_trains_on_one_folder_of_rgb_images_at_their_own_size_and_is_measured_against_bicubic()
    {
        // Given: twelve 8x8 RGB images in one folder (every tenth is held out: one test image)
        var data = _temp.File("photos");
        Directory.CreateDirectory(data);
        for (var i = 0; i < 12; i++)
        {
            using var bitmap = new SKBitmap(8, 8);
            bitmap.Erase(new SKColor((byte)(20 * i), 100, (byte)(200 - (10 * i))));
            bitmap.SetPixel(i % 8, 2, SKColors.White);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(data, $"photo-{i:D2}.png"), png.ToArray());
        }

        var run = _temp.File("sr-rgb");

        // When
        var trained = CliOutput.Run(["train", "superres", .. s_tiny, "--blocks", "1", "--factor", "2", "--data", data, "--out", run]);
        var evaluated = CliOutput.Run(["evaluate", run]);

        // Then
        Assert.True(trained.Code == 0, trained.Text);
        Assert.Contains("100%", trained.Text);
        Assert.Contains("4x4 → 8x8 (2x super-resolution, 3 channels, area-downsampled): 11 4x4 and 11 8x8 training images, 1 test", trained.Text);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(3, config.RootElement.GetProperty("superResolution").GetProperty("channels").GetInt32());
        Assert.True(evaluated.Code == 0, evaluated.Text);
        Assert.Contains("bicubic upsampling ×2", evaluated.Text);
    }

    [Theory]
    [InlineData("empty", "", "empty folder")]
    [InlineData("not-an-image", "", "notes.txt: not an image file")]
    [InlineData("not-divisible", "", "edge-0.png: 10x10 is not divisible by the super-resolution factor 4")]
    [InlineData("other-size", "", "edge-0.png: 12x12, but the images are 8x8")]
    [InlineData("train-without-test", "", "missing test/ or val/")]
    [InlineData("other-size", "--image-size 8", "")]
    public void Bad_superres_folders_are_named_and_leave_no_run_behind(string flaw, string options, string expected)
    {
        // Given: a train/ and test/ layout of grey 8x8 images, with one flaw
        var data = _temp.File("hr");
        SavePngs(Path.Combine(data, "train"), 4, 8, 8);
        SavePngs(Path.Combine(data, "test"), 2, 8, 8);
        switch (flaw)
        {
            case "empty":
                Array.ForEach(Directory.GetFiles(Path.Combine(data, "test")), File.Delete);
                break;
            case "not-an-image":
                File.WriteAllText(Path.Combine(data, "train", "notes.txt"), "hello");
                break;
            case "not-divisible":
                SavePngs(Path.Combine(data, "train"), 1, 10, 10);
                break;
            case "other-size":
                SavePngs(Path.Combine(data, "test"), 1, 12, 12);
                break;
            default:
                Directory.Delete(Path.Combine(data, "test"), recursive: true);
                break;
        }

        // When
        var (code, text) = CliOutput.Run(["train", "superres", .. s_tiny, "--blocks", "1", "--channels", "1", "--data", data, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--out", _temp.File("run")]);

        // Then: each flaw is exit code 1 naming the file; with --image-size the other size is resized and trains
        if (expected.Length == 0)
        {
            Assert.True(code == 0, text);
            return;
        }

        Assert.Equal(1, code);
        Assert.Contains(expected, text.Replace(Environment.NewLine, " ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_temp.File("run")), "a run folder was made from bad data");
    }

    [Fact]
    public void Cyclegan_on_the_cyclegan_folder_layout_translates_both_ways_and_refuses_verbs_it_lacks()
    {
        // Given: trainA/ trainB/ testA/ testB/ of 8x8 RGB images, dark in A and bright in B
        var data = CycleGanLayout(_temp.File("data"));
        var (run, export) = (_temp.File("cyc"), _temp.File("cyc-onnx"));

        // When
        var trained = CliOutput.Run(["train", "cyclegan", .. s_tiny, "--data", data, "--image-size", "8", "--pool-size", "3", "--out", run]);
        var evaluated = CliOutput.Run(["evaluate", run]);
        var exported = CliOutput.Run(["export", run, "--out", export]);
        var backwards = CliOutput.Run(["translate", run, "--direction", "b2a", "--input", Path.Combine(data, "testB"), "--out", _temp.File("as-a")]);
        var sampled = CliOutput.Run(["sample", run]);
        var foreign = CliOutput.Run(["evaluate", run, "--k", "3"]);

        // Then
        Assert.True(trained.Code == 0, trained.Text);
        Assert.True(evaluated.Code == 0, evaluated.Text);
        Assert.Contains("cycle L1 A → B → A", evaluated.Text);
        Assert.True(exported.Code == 0, exported.Text);
        foreach (var direction in new[] { "a2b", "b2a" })
        {
            var file = Path.Combine(export, $"translator-{direction}.onnx");
            OnnxChecker.AssertValid(file);
            Assert.Equal(direction == "a2b" ? "A→B" : "B→A", OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(file))).Extra["pipeline.translation.direction"]);
        }

        Assert.True(File.Exists(Path.Combine(export, "panels.png")));
        Assert.True(backwards.Code == 0, backwards.Text);
        Assert.Equal(2, Directory.GetFiles(_temp.File("as-a")).Length);
        Assert.Equal(2, sampled.Code);
        Assert.Contains("translation offers: evaluate, export, translate", sampled.Text);
        Assert.Equal(2, foreign.Code);
        Assert.Contains("--k does not apply to `evaluate` on a translation", foreign.Text);
    }

    [Theory]
    [InlineData("missing-b", "missing trainB/")]
    [InlineData("not-an-image", "notes.txt: not an image file")]
    [InlineData("empty", "empty folder")]
    public void Bad_cyclegan_folders_are_named_and_leave_no_run_behind(string flaw, string expected)
    {
        // Given
        var data = CycleGanLayout(_temp.File("data"));
        switch (flaw)
        {
            case "missing-b":
                Directory.Delete(Path.Combine(data, "trainB"), recursive: true);
                break;
            case "not-an-image":
                File.WriteAllText(Path.Combine(data, "trainA", "notes.txt"), "hello");
                break;
            default:
                Array.ForEach(Directory.GetFiles(Path.Combine(data, "testA")), File.Delete);
                break;
        }

        // When
        var (code, text) = CliOutput.Run(["train", "cyclegan", .. s_tiny, "--data", data, "--image-size", "8", "--out", _temp.File("run")]);

        // Then
        Assert.Equal(1, code);
        Assert.Contains(expected, text);
        Assert.False(Directory.Exists(_temp.File("run")), "a run folder was made from bad data");
    }

    [Fact]
    public void Bad_pix2pix_pairs_are_named()
    {
        // Given: A|B images of odd width, and matched folders whose partners differ in size
        SavePngs(_temp.File("aligned", "train"), 2, 8, 15);
        SavePngs(_temp.File("aligned", "test"), 2, 8, 16);
        SavePngs(_temp.File("a"), 10, 8, 8);
        SavePngs(_temp.File("b"), 10, 8, 8);
        SavePngs(_temp.File("b"), 1, 9, 8);

        // When
        var odd = CliOutput.Run(["train", "pix2pix", .. s_tiny, "--data", _temp.File("aligned"), "--image-size", "8", "--out", _temp.File("r1")]);
        var sizes = CliOutput.Run(["train", "pix2pix", .. s_tiny, "--data-a", _temp.File("a"), "--data-b", _temp.File("b"), "--image-size", "8", "--out", _temp.File("r2")]);

        // Then
        Assert.Equal(1, odd.Code);
        Assert.Contains("edge-0.png: width 15 is odd", odd.Text);
        Assert.Equal(1, sizes.Code);
        Assert.Contains("edge-0.png: 8x9, but its partner", sizes.Text);
        Assert.Contains("the halves of a pair must be the same size", sizes.Text);
    }

    [Theory]
    [InlineData("--objective WassersteinGradientPenalty", "WassersteinGradientPenalty")]
    [InlineData("--channels 2", "--channels must be 1 or 3, got 2")]
    [InlineData("--crop 40", "--crop 40 is larger than the 32x32 images")]
    [InlineData("--image-size 36 --crop 32", "36x36 images do not divide")]
    [InlineData("--data-a somewhere", "--data-a and --data-b go together")]
    public void Bad_pix2pix_options_are_refused_before_any_work(string options, string expected)
    {
        var (code, text) = CliOutput.Run(["train", "pix2pix", .. options.Split(' '), "--out", _temp.File("run")]);

        Assert.Equal(2, code);
        Assert.Contains(expected, text);
        Assert.False(Directory.Exists(_temp.File("run")));
    }

    [Theory]
    [InlineData("superres", "--factor 3", "--factor must be 2 or 4, got 3")]
    [InlineData("superres", "--data somewhere --image-size 30", "--image-size 30 is not divisible by --factor 4")]
    [InlineData("superres", "--flip", "super-resolution pairs differ in size")]
    [InlineData("cyclegan", "--image-size 32", "sneaker ↔ ankle boot images are 28x28")]
    public void Bad_options_of_the_other_recipes_are_refused_before_any_work(string recipe, string options, string expected)
    {
        var (code, text) = CliOutput.Run(["train", recipe, .. options.Split(' '), "--out", _temp.File("run")]);

        Assert.Equal(2, code);
        Assert.Contains(expected, text);
    }

    private static void AssertPageImagesLoad(string page, int minimum)
    {
        if (Chromium.Executable is null)
        {
            return; // the chromium-only part; CI installs chromium (scripts/install-deps --tests)
        }

        var widths = TranslationPageCheck.DecodedWidths(page, Path.Combine(Path.GetDirectoryName(page)!, "chromium-profile"));
        Assert.True(widths.Length >= minimum, $"expected at least {minimum} images on the page, found {widths.Length}");
        Assert.All(widths, w => Assert.True(w > 0, $"an image did not load in chromium (widths {string.Join(", ", widths)})"));
    }

    // Grey-level PNGs named edge-0.png, edge-1.png, ... of the given size.
    private static string SavePngs(string folder, int count, int height, int width)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(width, height);
            bitmap.Erase(new SKColor((byte)(20 * i), (byte)(20 * i), (byte)(20 * i)));
            bitmap.SetPixel(1, 1, SKColors.White);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, $"edge-{i}.png"), png.ToArray());
        }

        return folder;
    }

    private static string CycleGanLayout(string root)
    {
        foreach (var (folder, shade) in new[] { ("trainA", 40), ("testA", 40), ("trainB", 200), ("testB", 200) })
        {
            var path = Path.Combine(root, folder);
            Directory.CreateDirectory(path);
            for (var i = 0; i < (folder.StartsWith("train", StringComparison.Ordinal) ? 6 : 2); i++)
            {
                using var bitmap = new SKBitmap(8, 8);
                bitmap.Erase(new SKColor((byte)(shade + (3 * i)), (byte)shade, (byte)(shade - (2 * i))));
                using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(Path.Combine(path, $"{folder}-{i}.png"), png.ToArray());
            }
        }

        return root;
    }

    public void Dispose() => _temp.Dispose();
}
