using Pipeline.Cli;

namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class PixelCnnCliSmokeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-pixelcnn-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Train_evaluate_sample_and_export_a_tiny_pixelcnn()
    {
        // Given
        var run = Path.Combine(_root, "pixelcnn");
        var onnx = Path.Combine(_root, "onnx");

        // When
        var trained = CliApp.Run(["train", "pixelcnn", "--channels", "4", "--layers", "2", "--output-channels", "8", "--steps", "4", "--batch-size", "8",
            "--train-limit", "64", "--test-limit", "16", "--log-every", "2", "--sample-every", "4", "--out", run, "--threads", "1"]);
        var evaluated = CliApp.Run(["evaluate", run]);
        var sampled = CliApp.Run(["sample", run, "--count", "10", "--format", "both", "--temperature", "0.9", "--top-p", "0.95"]);
        var labelled = CliApp.Run(["sample", run, "--count", "2", "--labels", "3", "--top-k", "40", "--out", Path.Combine(_root, "threes.png")]);
        var badLabel = CliOutput.Run(["sample", run, "--count", "2", "--labels", "10"]);
        var vaeOnly = CliOutput.Run(["traverse", run]);
        var exported = CliApp.Run(["export", run, "--out", onnx]);

        // Then
        Assert.Equal([0, 0, 0, 0, 0], new[] { trained, evaluated, sampled, labelled, exported });
        Assert.NotEqual(0, badLabel.Code);
        Assert.Contains("[0, 9]", badLabel.Text);
        Assert.Equal(2, vaeOnly.Code);
        Assert.Contains("pixelcnn offers: sample, evaluate, export", vaeOnly.Text);
        foreach (var file in new[]
        {
            "config.json", "metrics.jsonl", "loss.png", "evaluation.json", "checkpoints/last.ckpt", "images/step-000004.png",
            "images/samples.png", "images/samples-images-idx3-ubyte", "images/samples-labels-idx1-ubyte",
        })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }

        Assert.Contains("\"kind\": \"pixelcnn\"", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        var evaluation = File.ReadAllText(Path.Combine(run, "evaluation.json"));
        Assert.Contains("\"images\": 16", evaluation);
        Assert.Contains("bitsPerDimension", evaluation);
        var samples = Pipeline.Data.IdxDataset.Load(Path.Combine(run, "images", "samples-images-idx3-ubyte"), Path.Combine(run, "images", "samples-labels-idx1-ubyte"));
        Assert.Equal(Enumerable.Range(0, 10), samples.Labels);
        Assert.True(File.Exists(Path.Combine(_root, "threes.png")));
        OnnxChecker.AssertValid(Path.Combine(onnx, "pixelcnn.onnx"));
        var card = File.ReadAllText(Path.Combine(onnx, "MODEL_CARD.md"));
        Assert.Contains("class-conditional over 10 classes", card);
        Assert.Contains("bits per dimension", card);
    }

    [Theory]
    [InlineData("train", "pixelcnn", "--layers", "0")]
    [InlineData("train", "pixelcnn", "--preset", "nope")]
    [InlineData("train", "pixelcnn", "--lr", "-1")]
    public void Bad_pixelcnn_training_input_fails_before_a_run_folder_is_made(params string[] args)
    {
        var run = Path.Combine(_root, "never");

        var code = CliApp.Run([.. args, "--out", run]);

        Assert.NotEqual(0, code);
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
