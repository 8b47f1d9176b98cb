using Pipeline.Onnx;

namespace Pipeline.Cli.Tests.ProGan;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class ProGanCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-progan-cli-" + Guid.NewGuid().ToString("N")[..8]);

    // Tiny networks (8 channels, z of 8), 32 images per phase in batches of 16: the growth 4 → 32 in 14 steps.
    private static readonly string[] Tiny =
        ["--images-per-phase", "32", "--batch-size", "16", "--train-limit", "256", "--test-limit", "64", "--latent", "8", "--max-width", "8",
         "--log-every", "2", "--sample-every", "2", "--checkpoint-every", "4", "--threads", "1"];

    [Fact]
    public void Train_progan_then_sample_evaluate_draw_its_latent_pictures_export_and_sample_the_export_in_mlnet()
    {
        // Given
        var run = Path.Combine(_root, "progan");
        var onnx = Path.Combine(_root, "onnx");

        // When
        var trained = CliOutput.Run(["train", "progan", .. Tiny, "--out", run]);
        var sampled = CliOutput.Run(["sample", run, "--count", "20", "--format", "both"]);
        var evaluated = CliOutput.Run(["evaluate", run, "--count", "64", "--classifier", Path.Combine(_root, "judge")]);
        var interpolated = CliOutput.Run(["interpolate", run, "--steps", "4", "--slerp"]);
        var neighbours = CliOutput.Run(["neighbours", run, "--count", "3", "--k", "2"]);
        var arithmetic = GanCliSmokeTests.Arithmetic(run, Path.Combine(_root, "judge"));
        var exported = CliOutput.Run(["export", run, "--out", onnx]);
        var inMlNet = CliOutput.Run(["sample", onnx, "--count", "6", "--labels", "0", "9", "--out", Path.Combine(_root, "mlnet.png")]);

        // Then
        Assert.True(trained.Code == 0, trained.Text);
        Assert.Contains("14 steps in all", trained.Text);
        Assert.True(sampled.Code == 0, sampled.Text);
        Assert.True(evaluated.Code == 0, evaluated.Text);
        Assert.Contains("Progressive GAN evaluation", evaluated.Text);
        Assert.Contains("classifier accuracy on requested classes", evaluated.Text);
        Assert.True(interpolated.Code == 0, interpolated.Text);
        Assert.True(neighbours.Code == 0, neighbours.Text);
        Assert.True(arithmetic.Code == 0, arithmetic.Text);
        Assert.True(exported.Code == 0, exported.Text);
        Assert.True(inMlNet.Code == 0, inMlNet.Text);
        OnnxChecker.AssertValid(Path.Combine(onnx, "generator.onnx"));
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(Path.Combine(onnx, "generator.onnx"))));
        Assert.Equal(("progan", 32), (metadata.ModelFamily, metadata.ImageHeight));
        Assert.Contains("Progressive GAN generator", File.ReadAllText(Path.Combine(onnx, "MODEL_CARD.md")));
        Assert.Contains("\"kind\": \"progan\"", File.ReadAllText(Path.Combine(run, "config.json")));
        foreach (var file in new[]
        {
            "metrics.jsonl", "loss.png", "evaluation.json", "checkpoints/last.ckpt", "images/step-000014.png", "images/size-04x04.png",
            "images/size-08x08.png", "images/size-16x16.png", "images/size-32x32.png", "images/samples.png", "images/samples-images-idx3-ubyte",
            "images/interpolation-slerp.png", "images/neighbours.png", "images/arithmetic.png",
        })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }

        Assert.True(File.Exists(Path.Combine(_root, "mlnet.png")));

        // The pictures show the data's own 28×28 (the padding to 32 cropped), as the training images beside them: three
        // cells across, each 28 pixels enlarged twice, with the grid's padding between and around them.
        using var panel = SkiaSharp.SKBitmap.Decode(Path.Combine(run, "images", "neighbours.png"));
        Assert.Equal((3 * 28 * 2) + (4 * Pipeline.Reports.ImageGrid.Padding), panel.Width);
    }

    [Fact]
    public void A_run_that_has_not_grown_to_full_size_is_sampled_at_its_stage_and_refused_by_export()
    {
        // Given: 4 steps, so the run stops while 8×8 fades in (its last step at α = 0.5).
        var run = Path.Combine(_root, "young");
        Assert.Equal(0, CliOutput.Run(["train", "progan", .. Tiny, "--steps", "4", "--out", run]).Code);

        // When
        var sampled = CliOutput.Run(["sample", run, "--count", "10"]);
        var exported = CliOutput.Run(["export", run, "--out", Path.Combine(_root, "young-onnx")]);
        var walked = CliOutput.Run(["interpolate", run]);

        // Then
        Assert.True(sampled.Code == 0, sampled.Text);
        Assert.NotEqual(0, walked.Code);
        Assert.Contains("interpolation needs the grown 32x32 generator", walked.Text);
        Assert.NotEqual(0, exported.Code);
        Assert.Contains("has grown to 8x8 (fading in, α = 0.50) at step 4; export needs the grown 32x32 generator", exported.Text);
        Assert.Contains("train progan --resume", exported.Text);
    }

    [Theory]
    [InlineData("--images-per-phase must be at least 1, got 0", "--images-per-phase", "0")]
    [InlineData("--batch-size must be at least 2, got 1", "--batch-size", "1")]
    [InlineData("--steps must be at least 1, got 0", "--steps", "0")]
    [InlineData("--lr must be a positive number, got -1", "--lr", "-1")]
    [InlineData("--max-width must be at least 1, got 0", "--max-width", "0")]
    [InlineData("Argument 'huge' not recognized", "--preset", "huge")]
    [InlineData("ImageSize must be a power of two from 8", "--image-folder", "/tmp", "--image-size", "48")]
    public void Bad_options_are_refused_by_name_before_a_run_folder_is_made(string message, params string[] args)
    {
        var run = Path.Combine(_root, "never");

        var (code, text) = CliOutput.Run(["train", "progan", .. args, "--out", run]);

        Assert.Equal(2, code);
        Assert.Contains(message, text);
        Assert.False(Directory.Exists(run));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
