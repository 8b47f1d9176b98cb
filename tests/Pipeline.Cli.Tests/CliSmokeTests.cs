using Pipeline.Cli;
using SkiaSharp;

namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: run these one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class CliSmokeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Train_then_every_vae_command_runs_on_a_tiny_subset_and_writes_its_files()
    {
        // Given
        var run = Path.Combine(_root, "run");

        // When
        var trained = CliApp.Run(["train", "vae", "--steps", "12", "--batch-size", "32", "--train-limit", "256", "--test-limit", "64", "--out", run, "--threads", "1"]);
        var evaluated = CliApp.Run(["evaluate", run, "--k", "4", "--images", "16"]);
        var sampled = CliApp.Run(["sample", run, "--count", "9"]);
        var traversed = CliApp.Run(["traverse", run, "--dims", "3", "7", "--steps", "4"]);
        var edited = CliApp.Run(["edit", run, "--shift", "0=+2", "--shift", "5=-1", "--images", "4"]);
        var reconstructed = CliApp.Run(["reconstruct", run, "--images", "5"]);
        var exported = CliApp.Run(["export", run, "--out", Path.Combine(_root, "onnx")]);
        var inspected = CliApp.Run(["inspect", Path.Combine(_root, "onnx", "decoder.onnx")]);
        var optimized = CliApp.Run(["optimize", Path.Combine(_root, "onnx", "decoder.onnx"), "--out", Path.Combine(_root, "optimized", "decoder.onnx"), "--time", "0"]);
        var sampledInMlNet = CliApp.Run(["sample", Path.Combine(_root, "onnx"), "--count", "4", "--out", Path.Combine(_root, "mlnet-samples.png")]);
        var reconstructedInMlNet = CliApp.Run(["reconstruct", Path.Combine(_root, "onnx"), "--images", "3", "--out", Path.Combine(_root, "mlnet-reconstructions.png")]);

        // Then
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new[] { trained, evaluated, sampled, traversed, edited, reconstructed, exported, inspected, optimized, sampledInMlNet, reconstructedInMlNet });
        OnnxChecker.AssertValid(Path.Combine(_root, "optimized", "decoder.onnx"));
        Assert.True(File.Exists(Path.Combine(_root, "mlnet-samples.png")) && File.Exists(Path.Combine(_root, "mlnet-reconstructions.png")));
        foreach (var file in new[] { "encoder.onnx", "decoder.onnx", "MODEL_CARD.md" })
        {
            Assert.True(File.Exists(Path.Combine(_root, "onnx", file)), $"missing onnx/{file}");
        }

        OnnxChecker.AssertValid(Path.Combine(_root, "onnx", "encoder.onnx"));
        OnnxChecker.AssertValid(Path.Combine(_root, "onnx", "decoder.onnx"));

        foreach (var file in new[] { "config.json", "metrics.jsonl", "loss.png", "evaluation.json", "checkpoints/last.ckpt", "images/samples.png", "images/traversal.png", "images/edit.png", "images/reconstructions.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }
    }

    [Fact]
    public void Resume_of_a_finished_run_keeps_its_metrics()
    {
        var run = Path.Combine(_root, "resumable");
        Assert.Equal(0, CliApp.Run(["train", "vae", "--steps", "6", "--batch-size", "64", "--train-limit", "128", "--test-limit", "32", "--out", run]));
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"));

        var resumed = CliApp.Run(["train", "vae", "--resume", "--out", run]);

        Assert.Equal(0, resumed);
        Assert.Equal(3, metrics.Length); // 128 images in batches of 64: three epochs of two steps
        Assert.Equal(metrics, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")));
    }

    [Theory]
    [InlineData("train", "vae", "--data", "/nonexistent/idx", "--steps", "1")]
    [InlineData("train", "vae", "--preset", "no-such-preset")]
    [InlineData("train", "vae", "--device", "tpu")]
    [InlineData("train", "vae", "--batch-size", "0")]
    [InlineData("train", "vae", "--image-folder", "/nonexistent/images")]
    public void Bad_training_input_fails_before_a_run_folder_is_made(params string[] args)
    {
        var run = Path.Combine(_root, "never");

        var code = CliApp.Run([.. args, "--out", run]);

        Assert.NotEqual(0, code);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("sample", "/nonexistent/run")]
    [InlineData("evaluate", "/nonexistent/run")]
    [InlineData("inspect", "/nonexistent/model.onnx")]
    [InlineData("inspect", "/etc/hostname")]
    [InlineData("export", "/nonexistent/run", "--out", "/tmp/never")]
    [InlineData("optimize", "/nonexistent/model.onnx", "--out", "/tmp/never.onnx")]
    [InlineData("optimize", "/etc/hostname", "--out", "/tmp/never.onnx")]
    public void Bad_input_to_a_run_command_fails_with_a_nonzero_exit_code(params string[] args)
    {
        Assert.NotEqual(0, CliApp.Run(args));
    }

    [Theory]
    [InlineData("--shift 'three=+1' is not DIM=AMOUNT", "edit", "/nonexistent/run", "--shift", "three=+1")]
    [InlineData("--dims takes exactly 2 latent dimensions, got 1", "traverse", "/nonexistent/run", "--dims", "1")]
    [InlineData("--count must be at least 1, got 0", "sample", "/nonexistent/run", "--count", "0")]
    [InlineData("--temperature must be a positive number", "sample", "/nonexistent/run", "--temperature", "-1")]
    [InlineData("--opset must be in", "export", "/nonexistent/run", "--out", "/tmp/never", "--opset", "3")]
    [InlineData("Argument 'jpeg' not recognized", "sample", "/nonexistent/run", "--format", "jpeg")]
    [InlineData("Argument 'no-such-preset' not recognized", "train", "vae", "--preset", "no-such-preset")]
    [InlineData("--lr must be a positive number, got 0", "train", "vae", "--lr", "0", "--out", "/nonexistent/run")]
    [InlineData("Cannot parse argument 'inf'", "train", "vae", "--lr", "inf", "--out", "/nonexistent/run")]
    [InlineData("--checkpoint-every must be at least 0, got -5", "train", "vae", "--checkpoint-every", "-5", "--out", "/nonexistent/run")]
    [InlineData("--steps must be at least 1, got 0", "train", "vae", "--steps", "0", "--out", "/nonexistent/run")]
    [InlineData("--log-every must be at least 1, got 0", "train", "gan", "--log-every", "0", "--out", "/nonexistent/run")]
    [InlineData("--dim takes NAME=N with a positive N, got 'height'", "optimize", "/nonexistent/model.onnx", "--out", "/tmp/never.onnx", "--dim", "height")]
    public void A_bad_option_value_is_reported_before_the_run_is_opened(string message, params string[] args)
    {
        var (code, text) = CliOutput.Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, text);
        Assert.DoesNotContain("/nonexistent/run does not exist", text);
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_run()
    {
        var run = Path.Combine(_root, "taken");
        Assert.Equal(0, CliApp.Run(["train", "vae", "--steps", "1", "--train-limit", "64", "--test-limit", "16", "--out", run]));

        Assert.NotEqual(0, CliApp.Run(["train", "vae", "--steps", "1", "--train-limit", "64", "--test-limit", "16", "--out", run]));
    }

    [Fact]
    public void Trains_a_convolutional_rgb_vae_on_an_image_folder()
    {
        // Given: two classes of 12 small PNGs each, red-ish and blue-ish.
        var images = Path.Combine(_root, "images");
        WritePngs(Path.Combine(images, "red"), 12, new SKColor(220, 40, 40));
        WritePngs(Path.Combine(images, "blue"), 12, new SKColor(40, 40, 220));
        var run = Path.Combine(_root, "folder-run");

        // When
        var trained = CliApp.Run(["train", "vae", "--image-folder", images, "--preset", "conv-rgb64", "--image-size", "16", "--steps", "4", "--batch-size", "8", "--out", run]);
        var sampled = CliApp.Run(["sample", run, "--count", "4"]);

        // Then
        Assert.Equal((0, 0), (trained, sampled));
        Assert.Contains("\"imageSize\": 16", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.True(File.Exists(Path.Combine(run, "images", "samples.png")));
    }

    private static void WritePngs(string folder, int count, SKColor colour)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(20, 20);
            bitmap.Erase(colour.WithAlpha((byte)(155 + (i * 8))));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D2}.png"), data.ToArray());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
