using Pipeline.Cli.Tests.Adoption;
using Pipeline.Cluster.Jobs;
using Pipeline.Export.Families;
using Pipeline.Models.Translation;
using SkiaSharp;

namespace Pipeline.Cli.Tests.Cluster;

/// <summary>`cluster run` and `cluster status` against a `cluster silo` child process: outputs, reattaching, and bad input.</summary>
// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class ClusterCliTests(SiloProcess silo, PyTorchExports exports) : IClassFixture<SiloProcess>, IClassFixture<PyTorchExports>, IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Cgan => Repository("onnx", "cgan-fashion28");

    [Fact]
    public void A_detached_generation_job_is_followed_by_job_id_and_writes_what_the_single_process_path_writes()
    {
        // Given the committed cGAN, 10 classes × 3 images in shards of 8, and the single-process reference
        var local = _temp.File("local");
        LocalJobRunner.Run(JobSpec.Generation(Path.Combine(Cgan, "generator.onnx"), local, Enumerable.Range(0, 10).ToArray(), countPerLabel: 3, seed: 5) with { ShardSize = 8 });
        var output = _temp.File("cluster");
        string[] job = ["--model", Cgan, "--count", "3", "--seed", "5", "--shard-size", "8", "--out", output, "--job", "cli-generation"];

        // When the job is submitted without waiting, then followed by a new client by its id alone
        var (submitted, submitText) = Run(["cluster", "run", .. job, "--detach"]);
        var (followed, followText) = Run(["cluster", "run", "--job", "cli-generation"]);
        var (status, statusText) = Run(["cluster", "status", "--job", "cli-generation"]);
        var (again, againText) = Run(["cluster", "run", .. job]);

        // Then the files equal the single-process path's, and every client saw the same job
        Assert.True(submitted == 0, submitText);
        Assert.Contains("job cli-generation: generate 30 images in 4 shards of 8", submitText);
        Assert.True(followed == 0, followText);
        Assert.Contains("attached", followText);
        Assert.Contains("completed: 4/4 shards, 30/30 images", followText);
        Assert.Contains("per silo: Silo_", followText);
        Assert.True(status == 0, statusText);
        Assert.Contains("job cli-generation: completed: 4/4 shards", statusText);
        Assert.True(again == 0, againText);
        Assert.Contains("completed: 4/4 shards", againText);
        AssertSameFiles(local, output, 30);
    }

    [Fact]
    public void A_translation_job_over_a_folder_writes_what_the_single_process_path_writes()
    {
        // Given a 2x super-resolution translator exported for 7x7 grey images, and five 7x7 PNGs
        var model = _temp.File("superres");
        TorchSharp.torch.random.manual_seed(0);
        using (var generator = new SuperResolutionGenerator(channels: 1, factor: 2, width: 8, blocks: 1))
        {
            TranslatorOnnxExport.Export(generator, TranslatorOnnxExport.SuperResolution(generator, 1, 7), Path.Combine(model, "translator.onnx"), "test");
        }

        var inputs = _temp.File("low");
        Directory.CreateDirectory(inputs);
        for (var i = 0; i < 5; i++)
        {
            using var bitmap = new SKBitmap(7, 7);
            bitmap.Erase(new SKColor((byte)(50 * i), (byte)(30 * i), (byte)(20 * i)));
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(inputs, $"low-{i}.png"), png.ToArray());
        }

        var local = _temp.File("local");
        LocalJobRunner.Run(JobSpec.Translation(Path.Combine(model, "translator.onnx"), local, Directory.GetFiles(inputs).Order(StringComparer.Ordinal).ToArray()) with { ShardSize = 2 });

        // When
        var (code, text) = Run(["cluster", "run", "--model", model, "--input", inputs, "--shard-size", "2", "--out", _temp.File("cluster")]);
        var (refused, refusal) = Run(["cluster", "run", "--model", model, "--input", inputs, "--out", inputs]);

        // Then one 14x14 PNG per source, as the single-process path writes them; the input folder as --out is refused
        Assert.True(code == 0, text);
        Assert.Contains("translate 5 images in 3 shards of 2", text);
        AssertSameFiles(local, _temp.File("cluster"), 5);
        using var first = SKBitmap.Decode(_temp.File("cluster", "low-0.png"));
        Assert.Equal((14, 14), (first.Width, first.Height));
        Assert.Equal(2, refused);
        Assert.Contains("would overwrite the input images", refusal);
    }

    [Fact]
    public void A_pytorch_exported_rgb_cyclegan_adopted_by_the_cli_translates_256_pixel_pngs_on_the_cluster_as_pytorch_does()
    {
        // Given PyTorch's 256x256 RGB ResNet generator adopted, and PyTorch's two input images (8-bit values) as PNG files
        var adopted = _temp.File("adopted");
        var adoption = CliOutput.Run(["adopt", exports.Onnx("cyclegan_resnet"), "--role", "translator", "--image-size", "256x256", "--out", adopted]);
        Assert.True(adoption.Code == 0, adoption.Text);
        var (input, shape, expected, _) = exports.Reference("cyclegan_resnet");
        var inputs = _temp.File("rgb");
        Directory.CreateDirectory(inputs);
        for (var i = 0; i < shape[0]; i++)
        {
            using var bitmap = Bitmap(input.AsSpan(i * 3 * 256 * 256, 3 * 256 * 256));
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(inputs, $"image-{i}.png"), png.ToArray());
        }

        // When the folder is translated on the cluster
        var (code, text) = Run(["cluster", "run", "--model", adopted, "--input", inputs, "--shard-size", "1", "--out", _temp.File("cluster")]);

        // Then each PNG is PyTorch's output to within one 8-bit level
        Assert.True(code == 0, text);
        for (var i = 0; i < shape[0]; i++)
        {
            using var written = SKBitmap.Decode(_temp.File("cluster", $"image-{i}.png"));
            using var reference = Bitmap(expected.AsSpan(i * 3 * 256 * 256, 3 * 256 * 256));
            var worst = Enumerable.Range(0, 256 * 256).Max(p =>
            {
                var (a, b) = (written.GetPixel(p % 256, p / 256), reference.GetPixel(p % 256, p / 256));
                return Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));
            });
            Assert.True(worst <= 1, $"image {i}: largest difference from PyTorch's output {worst} levels");
        }
    }

    [Fact]
    public void Resubmitting_a_job_id_with_another_spec_is_refused()
    {
        string[] job = ["--model", Cgan, "--count", "1", "--labels", "2", "--out", _temp.File("out"), "--job", "cli-twice"];
        Assert.Equal(0, Run(["cluster", "run", .. job]).Code);

        var (code, text) = Run(["cluster", "run", .. job[..^2], "--seed", "9", "--job", "cli-twice"]);

        Assert.Equal(1, code);
        Assert.Contains("already exists with another spec", text);
    }

    [Fact]
    public void A_silo_starts_without_orleans_misleading_gc_note_and_says_which_collector_runs()
    {
        // Given the class's silo, started as a user starts one

        // When its start-up lines are read (Spectre.Console wraps them at the redirected console's width)
        var output = silo.Output.Replace("\n", string.Empty, StringComparison.Ordinal);

        // Then: not Orleans' app.config advice (event 100405), but the collector and the switch that changes it
        Assert.DoesNotContain("ServerGC", output);
        Assert.DoesNotContain("100405", output);
        Assert.Contains("DOTNET_gcServer=1", output);
    }

    [Fact]
    public async Task A_silo_stops_gracefully_on_sigterm()
    {
        var other = new SiloProcess();
        await other.InitializeAsync();

        await other.DisposeAsync();

        Assert.True(other.ExitCode == 0, other.Output);
        Assert.Matches(@"silo Silo_\w+ stopped", other.Output);
    }

    [Fact]
    public void An_unknown_job_id_is_a_clear_error()
    {
        var (code, text) = Run(["cluster", "run", "--job", "no-such-job"]);

        Assert.Equal(1, code);
        Assert.Contains("No job 'no-such-job'", text);
    }

    [Fact]
    public void A_model_missing_on_the_silos_fails_the_job_naming_the_file()
    {
        var missing = _temp.File("elsewhere", "generator.onnx");

        var (code, text) = Run(["cluster", "run", "--model", missing, "--count", "2", "--out", _temp.File("out")]);

        Assert.Equal(1, code);
        Assert.Contains("No silo can load the model", text);
        Assert.Contains(missing, text);
    }

    [Fact]
    public void A_model_whose_role_does_not_fit_is_refused_before_submission()
    {
        var encoder = Repository("onnx", "vae-lecture", "encoder.onnx");

        var (code, text) = Run(["cluster", "run", "--model", encoder, "--count", "2", "--out", _temp.File("out")]);
        var (folderCode, folderText) = Run(["cluster", "run", "--model", Cgan, "--input", _temp.Path, "--out", _temp.File("out")]);

        Assert.Equal(2, code);
        Assert.Contains("role (pipeline.role) is 'encoder'; a generation job needs 'generator' or 'decoder'", text);
        Assert.Equal(2, folderCode);
        Assert.Contains("a translation job needs an .onnx file with role 'translator'", folderText);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public void An_unreachable_cluster_is_a_clear_error_within_seconds()
    {
        var (code, text) = CliOutput.Run(["cluster", "status", "--job", "any", "--gateway", "9", "--cluster-id", silo.ClusterId]);

        Assert.Equal(1, code);
        Assert.Contains("Cannot reach the cluster through development clustering on localhost gateway port(s) 9", text);
        Assert.Contains("pipeline cluster silo", text);
    }

    [Theory]
    [InlineData("run --model m.onnx --out o", "give --count N (generate) or --input FOLDER (translate)")]
    [InlineData("run --model m.onnx --count 0 --out o", "--count must be at least 1, got 0")]
    [InlineData("run --model m.onnx --count 2", "--out FOLDER is needed for a new job")]
    [InlineData("run --job j --count 2", "--count defines a new job and needs --model")]
    [InlineData("run --count 2", "give --model")]
    [InlineData("run --job j --mode redis --gateway 30000", "--gateway applies to --mode dev only")]
    [InlineData("run --job j --mode cloud", "cloud")]
    [InlineData("run --job j --redis localhost:1", "--redis applies to --mode redis only")]
    [InlineData("silo --silo-port 0", "--silo-port must be in 1..65535, got 0")]
    [InlineData("silo --mode redis --primary-port 5", "--primary-port applies to --mode dev only")]
    [InlineData("silo --mode redis --state-dir s", "--state-dir applies to --mode dev only")]
    [InlineData("run --job j --mode redis --state-dir s", "--state-dir applies to --mode dev only")]
    [InlineData("silo --advertise 10.0.0.1", "--advertise applies to --mode redis only")]
    [InlineData("silo --mode redis --advertise not-an-ip", "--advertise must be an IP address")]
    [InlineData("silo --silo-port 4000 --gateway-port 4000", "--silo-port and --gateway-port must differ")]
    [InlineData("status", "--job")]
    public void Bad_options_are_refused_at_parse_time(string args, string expected)
    {
        var (code, text) = CliOutput.Run(["cluster", .. args.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains(expected, text);
    }

    public void Dispose() => _temp.Dispose();

    private (int Code, string Text) Run(string[] args) => CliOutput.Run([.. args, .. silo.ClientArgs]);

    // A planar RGB image in [-1, 1] (PyTorch's layout) as an 8-bit bitmap.
    private static SKBitmap Bitmap(ReadOnlySpan<float> planes)
    {
        var bitmap = new SKBitmap(256, 256);
        var levels = new byte[3];
        for (var p = 0; p < 256 * 256; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                levels[c] = (byte)Math.Clamp(Math.Round((planes[c * 256 * 256 + p] + 1) * 127.5), 0, 255);
            }

            bitmap.SetPixel(p % 256, p / 256, new SKColor(levels[0], levels[1], levels[2]));
        }

        return bitmap;
    }

    private static void AssertSameFiles(string expected, string actual, int count)
    {
        OutputFolders.AssertSame(expected, actual);
        Assert.Equal(count, Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Length);
    }

    private static string Repository(params string[] parts) => Path.Combine([ClusterCliTestsRepository.Root, .. parts]);
}

/// <summary>The repository root, found from the test's output folder.</summary>
internal static class ClusterCliTestsRepository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
        }
    }
}
