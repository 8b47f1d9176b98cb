namespace Pipeline.Cli.Tests.StyleGan;

/// <summary>`train stylegan` and the verbs of a StyleGAN2 run, on a tiny model and a few Fashion-MNIST images.</summary>
// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class StyleGanCliTests : IDisposable
{
    private static readonly string[] Tiny =
        ["--batch-size", "8", "--train-limit", "64", "--test-limit", "32", "--latent", "16", "--mapping-layers", "2", "--max-width", "16", "--min-width", "8", "--threads", "1"];

    private readonly TempDirectory _root = new();

    [Fact]
    public void Train_stylegan_then_sample_sweep_mix_interpolate_and_evaluate_write_their_files()
    {
        // Given
        var run = _root.File("stylegan");
        var classifier = _root.File("judge");

        // When
        var trained = CliOutput.Run(["train", "stylegan", "--steps", "4", .. Tiny, "--log-every", "2", "--sample-every", "2", "--checkpoint-every", "2", "--ada", "--out", run]);
        var sampled = CliOutput.Run(["sample", run, "--count", "20", "--truncation", "0.7", "--format", "both"]);
        var swept = CliOutput.Run(["sample", run, "--count", "3", "--truncation-sweep", "--labels", "9"]);
        var mixed = CliOutput.Run(["mix", run, "--sources-across", "3", "--sources-down", "1"]);
        var walked = CliOutput.Run(["interpolate", run, "--steps", "4", "--rows", "2", "--truncation", "0.5"]);
        var evaluated = CliOutput.Run(["evaluate", run, "--count", "40", "--classifier", classifier]);

        // Then
        foreach (var (name, result) in new[] { ("train", trained), ("sample", sampled), ("sweep", swept), ("mix", mixed), ("interpolate", walked), ("evaluate", evaluated) })
        {
            Assert.True(result.Code == 0, $"{name} exited {result.Code}: {result.Text}");
        }

        Assert.Contains("class-conditional (10 classes) StyleGAN2 32x32", trained.Text);
        Assert.Contains("Fréchet distance", evaluated.Text);
        foreach (var file in new[]
        {
            "config.json", "metrics.jsonl", "loss.png", "evaluation.json", "checkpoints/last.ckpt", "images/step-000004.png", "images/samples.png",
            "images/samples-images-idx3-ubyte", "images/truncation-sweep.png", "images/style-mixing.png", "images/interpolation-w.png",
        })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }

        Assert.Contains("\"kind\": \"stylegan\"", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Contains("\"augmentProbability\"", File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))[^1]);
        Assert.Equal(20, Pipeline.Data.IdxDataset.Load(Path.Combine(run, "images", "samples-images-idx3-ubyte"), Path.Combine(run, "images", "samples-labels-idx1-ubyte")).Count);
    }

    [Fact]
    public void A_stopped_run_resumes_from_its_checkpoint()
    {
        // Given: a 2-step run whose config is then raised to 4 steps.
        var run = _root.File("resumed");
        Assert.Equal(0, CliOutput.Run(["train", "stylegan", "--steps", "2", .. Tiny, "--log-every", "1", "--out", run]).Code);
        var config = Path.Combine(run, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"steps\": 2,", "\"steps\": 4,", StringComparison.Ordinal));

        // When
        var (code, text) = CliOutput.Run(["train", "stylegan", "--resume", "--out", run]);

        // Then
        Assert.True(code == 0, text);
        Assert.Contains("at step 2 of 4", text);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
    }

    [Theory]
    [InlineData("--r1-every must be at least 1, got 0", "--r1-every", "0")]
    [InlineData("StyleMixingProbability must be in [0, 1], got 1.5", "--mixing", "1.5")]
    [InlineData("--lr must be a positive number, got 0", "--lr", "0")]
    [InlineData("ImageSize must be a power of two of at least 8", "--preset", "rgb32", "--image-folder", "/tmp", "--image-size", "48")]
    [InlineData("BatchSize must be at least 2, got 1", "--batch-size", "1")]
    public void Bad_training_options_are_refused_by_name_before_a_run_folder_is_made(string message, params string[] args)
    {
        var run = _root.File("never");

        var (code, text) = CliOutput.Run(["train", "stylegan", .. args, "--out", run]);

        Assert.Equal(2, code);
        Assert.Contains(message, text);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Verb_options_out_of_range_or_of_another_family_are_refused_by_name()
    {
        // Given
        var run = _root.File("tiny");
        Assert.Equal(0, CliOutput.Run(["train", "stylegan", "--steps", "1", .. Tiny, "--out", run]).Code);

        // When
        var psi = CliOutput.Run(["sample", run, "--truncation", "2"]);
        var sweepFormat = CliOutput.Run(["sample", run, "--truncation-sweep", "--format", "idx"]);
        var slerp = CliOutput.Run(["interpolate", run, "--slerp"]);
        var vaeOnly = CliOutput.Run(["traverse", run]);

        // Then
        Assert.Equal((2, 2, 2, 2), (psi.Code, sweepFormat.Code, slerp.Code, vaeOnly.Code));
        Assert.Contains("--truncation must be ψ in [-1, 1] for a StyleGAN", psi.Text);
        Assert.Contains("--truncation-sweep draws every ψ itself", sweepFormat.Text);
        Assert.Contains("--slerp does not apply to `interpolate` on a stylegan", slerp.Text);
        Assert.Contains("stylegan offers: sample, evaluate, interpolate, mix", vaeOnly.Text);
    }

    public void Dispose() => _root.Dispose();
}
