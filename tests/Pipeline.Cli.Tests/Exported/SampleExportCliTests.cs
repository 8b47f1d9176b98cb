using Pipeline.Data;
using Pipeline.MLNet.Tests.Sampling;

namespace Pipeline.Cli.Tests.Exported;

/// <summary>
/// <c>sample EXPORT</c> on exported autoregressive models through ML.NET: the PixelCNN export draws the images its run
/// draws, the VQ-VAE-2 chain writes PNG and IDX, and nothing is written into the export folder by default.
/// </summary>
// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class SampleExportCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-sample-export-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void A_pixelcnn_export_samples_the_images_of_its_run()
    {
        // Given: a tiny trained run and its export.
        var run = Path.Combine(_root, "pixelcnn");
        var onnx = Path.Combine(_root, "onnx");
        Assert.Equal(0, CliApp.Run(["train", "pixelcnn", "--channels", "4", "--layers", "2", "--output-channels", "8", "--steps", "2", "--batch-size", "8",
            "--train-limit", "32", "--test-limit", "8", "--log-every", "2", "--sample-every", "2", "--out", run, "--threads", "1"]));
        Assert.Equal(0, CliApp.Run(["export", run, "--out", onnx]));
        string[] sampling = ["--count", "4", "--labels", "2", "7", "--seed", "5", "--temperature", "0.9", "--top-k", "60"];

        // When: the same request of the run (TorchSharp) and of the export (ML.NET).
        var fromRun = CliApp.Run(["sample", run, .. sampling, "--format", "idx", "--out", Path.Combine(_root, "run.png")]);
        var fromExport = CliApp.Run(["sample", onnx, .. sampling, "--format", "both", "--out", Path.Combine(_root, "export.png")]);

        // Then: the same pixels and requested labels.
        Assert.Equal([0, 0], new[] { fromRun, fromExport });
        var a = IdxDataset.Load(Path.Combine(_root, "run-images-idx3-ubyte"), Path.Combine(_root, "run-labels-idx1-ubyte"));
        var b = IdxDataset.Load(Path.Combine(_root, "export-images-idx3-ubyte"), Path.Combine(_root, "export-labels-idx1-ubyte"));
        Assert.Equal([2, 7, 2, 7], b.Labels);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.True(File.Exists(Path.Combine(_root, "export.png")));
    }

    [Fact]
    public void A_vqvae2_export_samples_png_and_idx_and_never_writes_into_the_export_folder()
    {
        var folder = Path.Combine(_root, "vqvae2");
        using (new VqVae2Exports(folder))
        {
        }

        var before = Directory.GetFiles(folder).Order().ToArray();
        var defaultOutput = Path.Combine(Environment.CurrentDirectory, "vqvae2-samples.png");
        try
        {
            var both = CliApp.Run(["sample", folder, "--count", "3", "--format", "both", "--top-p", "0.9", "--out", Path.Combine(_root, "vq.png")]);
            var byDefault = CliApp.Run(["sample", folder, "--count", "2"]);
            var badLabel = CliOutput.Run(["sample", folder, "--count", "2", "--labels", "3"]);

            Assert.Equal([0, 0], new[] { both, byDefault });
            var samples = IdxDataset.Load(Path.Combine(_root, "vq-images-idx3-ubyte"), Path.Combine(_root, "vq-labels-idx1-ubyte"));
            Assert.Equal([0, 1, 2], samples.Labels);
            Assert.Equal((28, 28), (samples.Height, samples.Width));
            Assert.True(File.Exists(Path.Combine(_root, "vq.png")));
            Assert.True(File.Exists(defaultOutput));
            Assert.Equal(before, Directory.GetFiles(folder).Order().ToArray());
            Assert.NotEqual(0, badLabel.Code);
            Assert.Contains("has classes [0, 2]", badLabel.Text);
        }
        finally
        {
            File.Delete(defaultOutput);
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
