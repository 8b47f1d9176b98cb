using Pipeline.Data;
using Pipeline.MLNet.Tests.Sampling;
using SkiaSharp;

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

    [Fact]
    public void Idx_sampling_streams_the_images_the_png_grid_shows_under_a_header_that_counts_them()
    {
        // Given the committed class-conditional generator and a request not sorted into class rows
        var model = Path.Combine("..", "..", "..", "..", "..", "onnx", "cgan-fashion28");
        string[] request = ["--count", "30", "--seed", "7", "--labels", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

        // When: IDX alone (streamed as generated) and IDX with the PNG grid (gathered in memory first)
        var streamed = CliApp.Run(["sample", model, .. request, "--format", "idx", "--out", Path.Combine(_root, "streamed.png")]);
        var gathered = CliApp.Run(["sample", model, .. request, "--format", "both", "--out", Path.Combine(_root, "gathered.png")]);

        // Then: the same bytes both ways, a header that counts 30 images of 28x28, and the grid's cells in the file
        Assert.Equal([0, 0], new[] { streamed, gathered });
        var bytes = File.ReadAllBytes(Path.Combine(_root, "streamed-images-idx3-ubyte"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "gathered-images-idx3-ubyte")), bytes);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "gathered-labels-idx1-ubyte")), File.ReadAllBytes(Path.Combine(_root, "streamed-labels-idx1-ubyte")));
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 30, 0, 0, 0, 28, 0, 0, 0, 28 }, bytes[..16]);
        Assert.Equal(16 + (30 * 28 * 28), bytes.Length);
        var samples = IdxDataset.Load(Path.Combine(_root, "streamed-images-idx3-ubyte"), Path.Combine(_root, "streamed-labels-idx1-ubyte"));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i % 10), samples.Labels);
        Assert.Equal(GridCells(Path.Combine(_root, "gathered.png"), 30, 28), bytes[16..]);
    }

    [Fact]
    public void Guidance_of_a_model_trained_without_class_dropout_is_an_option_mistake()
    {
        // Given a VQ-VAE-2 export whose priors were trained without class dropout
        var model = Path.Combine(_root, "plain-priors");
        using (new VqVae2Exports(model, guidable: false))
        {
        }

        // When
        var (code, text) = CliOutput.Run(["sample", model, "--count", "1", "--guidance", "2", "--out", Path.Combine(_root, "guided.png")]);

        // Then: exit 2 like other option mistakes, naming the option and how to get a model that supports it
        Assert.Equal(2, code);
        Assert.Contains("--guidance 2:", text);
        Assert.Contains("trained without class dropout", text);
        Assert.Contains("--class-dropout", text);
        Assert.DoesNotContain("(Parameter", text);
        Assert.False(File.Exists(Path.Combine(_root, "guided.png")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // The grey level of every pixel of a Pictures grid (each image enlarged twice, equal padding around cells), in order.
    private static byte[] GridCells(string png, int count, int size)
    {
        using var grid = SKBitmap.Decode(png);
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var padding = (grid.Width - (columns * 2 * size)) / (columns + 1);
        var cells = new byte[count * size * size];
        for (var i = 0; i < count; i++)
        {
            var (left, top) = (padding + ((i % columns) * ((2 * size) + padding)), padding + ((i / columns) * ((2 * size) + padding)));
            for (var p = 0; p < size * size; p++)
            {
                cells[(i * size * size) + p] = grid.GetPixel(left + (2 * (p % size)), top + (2 * (p / size))).Red;
            }
        }

        return cells;
    }
}
