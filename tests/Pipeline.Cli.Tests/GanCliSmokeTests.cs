using Pipeline.Cli;

namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class GanCliSmokeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-gan-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Train_cgan_then_every_gan_command_runs_on_a_tiny_subset_and_writes_its_files()
    {
        // Given
        var run = Path.Combine(_root, "cgan");
        var classifier = Path.Combine(_root, "judge");

        // When
        var trained = CliApp.Run(["train", "cgan", "--steps", "6", "--batch-size", "16", "--train-limit", "256", "--test-limit", "64",
            "--latent", "16", "--g-width", "8", "--d-width", "8", "--attention", "14", "--log-every", "3", "--sample-every", "3", "--checkpoint-every", "3", "--precision", "bf16", "--out", run, "--threads", "1"]);
        var resumed = CliApp.Run(["train", "cgan", "--resume", "--out", run]);
        var sampled = CliApp.Run(["sample", run, "--count", "20", "--format", "both", "--truncation", "1.5"]);
        var labelled = CliApp.Run(["sample", run, "--count", "4", "--labels", "3", "7", "--out", Path.Combine(_root, "two-classes.png")]);
        var evaluated = CliApp.Run(["evaluate", run, "--count", "64", "--classifier", classifier]);
        var interpolated = CliApp.Run(["interpolate", run, "--steps", "4", "--slerp"]);
        var arithmetic = Arithmetic(run, classifier);
        var neighbours = CliApp.Run(["neighbours", run, "--count", "3", "--k", "2"]);
        var vaeOnly = new[] { CliOutput.Run(["traverse", run]), CliOutput.Run(["reconstruct", run]) };
        var exported = CliApp.Run(["export", run, "--out", Path.Combine(_root, "onnx")]);
        var generatedInMlNet = CliApp.Run(["sample", Path.Combine(_root, "onnx"), "--count", "6", "--labels", "0", "9", "--out", Path.Combine(_root, "mlnet.png")]);
        var badLabel = CliApp.Run(["sample", Path.Combine(_root, "onnx"), "--labels", "10"]);
        var idxInMlNet = CliApp.Run(["sample", Path.Combine(_root, "onnx"), "--count", "5", "--format", "idx", "--out", Path.Combine(_root, "mlnet-idx.png")]);

        // Then
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], new[] { trained, resumed, sampled, labelled, evaluated, interpolated, neighbours });
        Assert.All(vaeOnly, result => Assert.Equal(2, result.Code));
        Assert.Contains("gan offers: sample, evaluate, interpolate, arithmetic, neighbours, export", vaeOnly[0].Text);
        Assert.Equal((0, 0, 2, 0), (exported, generatedInMlNet, badLabel, idxInMlNet));
        Assert.Equal(5, Pipeline.Data.IdxDataset.Load(Path.Combine(_root, "mlnet-idx-images-idx3-ubyte"), Path.Combine(_root, "mlnet-idx-labels-idx1-ubyte")).Count);
        Assert.True(File.Exists(Path.Combine(_root, "mlnet.png")));
        OnnxChecker.AssertValid(Path.Combine(_root, "onnx", "generator.onnx"));
        Assert.Contains("class-conditional over 10 classes", File.ReadAllText(Path.Combine(_root, "onnx", "MODEL_CARD.md")));
        Assert.True(arithmetic.Code == 0, arithmetic.Text);
        Assert.True(File.Exists(Path.Combine(run, "images", "arithmetic.png")));
        foreach (var file in new[]
        {
            "config.json", "metrics.jsonl", "loss.png", "evaluation.json", "checkpoints/last.ckpt", "images/step-000006.png",
            "images/samples.png", "images/samples-images-idx3-ubyte", "images/samples-labels-idx1-ubyte",
            "images/interpolation-slerp.png", "images/neighbours.png",
        })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }

        Assert.Contains("\"kind\": \"gan\"", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Contains("\"precision\": \"Bf16\"", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.True(File.Exists(Path.Combine(_root, "two-classes.png")));
        Assert.True(File.Exists(Path.Combine(classifier, "checkpoints", "last.ckpt")));
    }

    // A six-step generator's samples may all look like one class to the classifier; the command then names the
    // missing class and the counts, and the success path runs on the class it does see (a - a + a).
    internal static (int Code, string Text) Arithmetic(string run, string classifier)
    {
        var first = CliOutput.Run(["arithmetic", run, "--samples", "200", "--classifier", classifier, "--triple", "0,1,2"]);
        var counts = System.Text.RegularExpressions.Regex.Match(first.Text, @"counts per class: ([0-9, ]+)\)");
        if (first.Code == 0 || !counts.Success)
        {
            return first;
        }

        var perClass = counts.Groups[1].Value.Split(", ").Select(int.Parse).ToList();
        var seen = perClass.IndexOf(perClass.Max());
        return CliOutput.Run(["arithmetic", run, "--samples", "200", "--classifier", classifier, "--triple", $"{seen},{seen},{seen}"]);
    }

    [Theory]
    [InlineData("train", "gan", "--objective", "NoSuchLoss")]
    [InlineData("train", "cgan", "--attention", "5")]
    [InlineData("train", "cgan", "--d-steps", "0")]
    [InlineData("train", "gan", "--class-loss", "1")]
    [InlineData("train", "cgan", "--class-loss", "-1")]
    [InlineData("train", "cgan", "--precision", "fp16")]
    public void Bad_gan_training_input_fails_before_a_run_folder_is_made(params string[] args)
    {
        var run = Path.Combine(_root, "never");

        var code = CliApp.Run([.. args, "--out", run]);

        Assert.NotEqual(0, code);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Gan_verbs_refuse_a_vae_run()
    {
        var run = Path.Combine(_root, "vae");
        Assert.Equal(0, CliApp.Run(["train", "vae", "--steps", "1", "--train-limit", "64", "--test-limit", "16", "--out", run]));

        Assert.Equal(2, CliApp.Run(["neighbours", run]));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
