using Pipeline.Benchmarks.Cluster;

namespace Pipeline.Benchmarks.Tests.Cluster;

public sealed class ClusterBenchTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Times_every_path_side_by_side_and_writes_a_report()
    {
        // Given the committed cGAN, one round of 40 images on 1 and 2 silos and two shard sizes
        string[] args = [ClusterTiming.Switch, "--model", CommittedExports.File("cgan-fashion28", "generator.onnx"), "--images", "40", "--rounds", "1", "--silos", "1", "2",
            "--shard-sizes", "5", "20", "--out", _temp.File("bench")];

        // When
        var code = ClusterTiming.Run(args);

        // Then every path has its row, the shard series its fit, and the images are gone
        Assert.Equal(0, code);
        var report = File.ReadAllText(_temp.File("bench", "REPORT.md"));
        foreach (var row in new[] { "| ML.NET GenerateImages, single process | ", "| LocalJobRunner (shard code, no Orleans) | ", "| 1 silo | ", "| 2 silos | ", "| 5 | 8 | ", "| 20 | 2 | " })
        {
            Assert.Contains(row, report);
        }

        Assert.Contains("ms per shard", report);
        Assert.False(Directory.Exists(_temp.File("bench", "cgan-fashion28")), "the bench removes its images");
    }

    [Theory]
    [InlineData("--shard-sizes 8", "--shard-sizes needs at least two sizes")]
    [InlineData("--silos 0", "--silos takes whole numbers in 1..16, got '0'")]
    [InlineData("--images 2", "--images takes whole numbers in 16..")]
    [InlineData("--model missing.onnx", "--model missing.onnx: no such file")]
    [InlineData("--rounds", "--rounds needs a value after it")]
    [InlineData("--speed 2", "--speed: not an option of --cluster")]
    public void Bad_arguments_are_refused_by_name_before_any_silo_starts(string args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterTiming.Parse([ClusterTiming.Switch, "--model", CommittedExports.File("cgan-fashion28", "generator.onnx"), .. args.Split(' ')]));

        Assert.Contains(expected, error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
