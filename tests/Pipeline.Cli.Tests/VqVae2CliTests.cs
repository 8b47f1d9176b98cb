using Pipeline.Cli;
using Pipeline.Data;

namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class VqVae2CliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-vqvae2-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Train_vqvae2_then_evaluate_reconstruct_export_extract_codes_train_both_priors_sample_and_export_them_on_a_tiny_subset()
    {
        // Given
        var run = Path.Combine(_root, "vqvae2");
        var onnx = Path.Combine(_root, "onnx");

        // When
        var trained = CliApp.Run(["train", "vqvae2", "--steps", "6", "--batch-size", "16", "--train-limit", "128", "--test-limit", "32",
            "--hidden", "8", "--codebook-size", "16", "--code-dim", "4", "--residual-blocks", "1", "--log-every", "3", "--out", run, "--threads", "1"]);
        var evaluated = CliApp.Run(["evaluate", run]);
        var reconstructed = CliApp.Run(["reconstruct", run, "--images", "8"]);
        var exported = CliApp.Run(["export", run, "--out", onnx]);
        var extracted = CliApp.Run(["extract-codes", run]);
        var inMlNet = CliApp.Run(["reconstruct", onnx, "--images", "4", "--out", Path.Combine(_root, "mlnet-reconstructions.png")]);
        var noPriors = CliOutput.Run(["sample", run]);
        var prior = new[] { "--channels", "4", "--layers", "1", "--output-channels", "4", "--steps", "2", "--batch-size", "16", "--threads", "1", "--class-dropout", "0.2" };
        var top = CliApp.Run(["train", "vqvae2-prior", "--autoencoder", run, "--level", "top", .. prior]);
        var bottom = CliApp.Run(["train", "vqvae2-prior", "--autoencoder", run, "--level", "bottom", .. prior]);
        var sampled = CliApp.Run(["sample", run, "--count", "3", "--labels", "2", "--format", "both", "--top-k", "4", "--guidance", "2", "--out", Path.Combine(_root, "samples.png")]);
        var unknownClass = CliOutput.Run(["sample", run, "--count", "1", "--labels", "10"]);
        var withPriors = CliApp.Run(["export", run, "--out", Path.Combine(_root, "onnx-priors")]);
        var guidedInMlNet = CliApp.Run(["sample", Path.Combine(_root, "onnx-priors"), "--count", "2", "--guidance", "2", "--out", Path.Combine(_root, "guided-mlnet.png")]);
        var bottomConfig = Path.Combine(run, "priors", "bottom", "config.json");
        File.WriteAllText(bottomConfig, File.ReadAllText(bottomConfig).Replace("\"autoencoderStep\": 6", "\"autoencoderStep\": 5"));
        var stale = CliOutput.Run(["sample", run, "--count", "1"]);

        // Then
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], new[] { trained, evaluated, reconstructed, exported, extracted, inMlNet, top, bottom, sampled, withPriors, guidedInMlNet });
        Assert.True(File.Exists(Path.Combine(_root, "guided-mlnet.png")));
        Assert.Contains("\"unconditionalLabel\": true", File.ReadAllText(Path.Combine(run, "priors", "top", "config.json")));
        Assert.True(File.Exists(Path.Combine(_root, "mlnet-reconstructions.png")));
        Assert.Equal(1, noPriors.Code);
        Assert.Contains($"train vqvae2-prior --autoencoder {run} --level top", noPriors.Text.Replace("\n", " ").Replace(Environment.NewLine, ""));
        Assert.NotEqual(0, unknownClass.Code);
        Assert.Contains("[0, 9]", unknownClass.Text);
        Assert.True(File.Exists(Path.Combine(_root, "samples.png")));
        Assert.Equal(1, stale.Code);
        Assert.Contains("at step 5", stale.Text);
        Assert.Contains("--level bottom", stale.Text.Replace(Environment.NewLine, " "));
        Assert.Equal(new[] { 3 }, IdxFile.Read(Path.Combine(_root, "samples-labels-idx1-ubyte")).Dimensions);
        Assert.All(IdxFile.Read(Path.Combine(_root, "samples-labels-idx1-ubyte")).Data, l => Assert.Equal(2, l));
        OnnxChecker.AssertValid(Path.Combine(_root, "onnx-priors", "top-prior.onnx"));
        OnnxChecker.AssertValid(Path.Combine(_root, "onnx-priors", "bottom-prior.onnx"));
        Assert.Contains("bits per code", File.ReadAllText(Path.Combine(_root, "onnx-priors", "MODEL_CARD.md")));
        Assert.True(File.Exists(Path.Combine(run, "priors", "bottom", "checkpoints", "last.ckpt")));
        foreach (var file in new[] { "config.json", "metrics.jsonl", "loss.png", "evaluation.json", "checkpoints/last.ckpt", "images/reconstructions.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"missing {file}");
        }

        Assert.Contains("\"kind\": \"vqvae2\"", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        var evaluation = File.ReadAllText(Path.Combine(run, "evaluation.json"));
        Assert.Contains("\"psnr\"", evaluation);
        Assert.Contains("\"perplexity\"", evaluation);
        OnnxChecker.AssertValid(Path.Combine(onnx, "encoder.onnx"));
        OnnxChecker.AssertValid(Path.Combine(onnx, "decoder.onnx"));
        Assert.Contains("14x14 bottom grid and a 7x7 top grid", File.ReadAllText(Path.Combine(onnx, "MODEL_CARD.md")));
        var (dims, codes) = IdxInt32File.Read(Path.Combine(run, "codes", "test-bottom-codes-idx3-int.gz"));
        Assert.Equal(new[] { 32, 14, 14 }, dims);
        Assert.All(codes, c => Assert.InRange(c, 0, 15));
        Assert.Equal(new[] { 128, 7, 7 }, IdxInt32File.Read(Path.Combine(run, "codes", "train-top-codes-idx3-int.gz")).Dimensions);
        Assert.Equal(128, IdxFile.Read(Path.Combine(run, "codes", "train-labels-idx1-ubyte.gz")).Dimensions[0]);
    }

    [Theory]
    [InlineData("--bottom-stride", "3")]
    [InlineData("--codebook-size", "1")]
    public void Bad_model_options_are_refused_before_any_work(string option, string value)
    {
        var result = CliOutput.Run(["train", "vqvae2", option, value, "--out", Path.Combine(_root, "bad")]);

        Assert.Equal(2, result.Code);
        Assert.False(Directory.Exists(Path.Combine(_root, "bad")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
