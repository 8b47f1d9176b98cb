using Pipeline.Cluster.Jobs;
using Pipeline.Onnx;

namespace Pipeline.Cluster.Tests;

public sealed class LocalJobRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Writes_one_png_per_image_under_its_label()
    {
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("out"), [2, 0], countPerLabel: 3, seed: 5) with { ShardSize = 2, BatchSize = 2 };

        var files = LocalJobRunner.Run(job, TestCluster3.Runtime);

        Assert.Equal(Enumerable.Range(0, 6).Select(job.OutputName), files);
        Assert.Equal(3, Directory.GetFiles(_temp.File("out", "label-2")).Length);
        Assert.Equal(3, Directory.GetFiles(_temp.File("out", "label-0")).Length);
    }

    [Fact]
    public void A_second_run_writes_identical_bytes()
    {
        var job = JobSpec.Generation(ClusterTinyModels.Generator(_temp.Path), _temp.File("a"), [1], countPerLabel: 5, seed: 9) with { ShardSize = 2 };
        LocalJobRunner.Run(job, TestCluster3.Runtime);

        LocalJobRunner.Run(job with { OutputDirectory = _temp.File("b") }, TestCluster3.Runtime);

        Assert.Equal(OutputFiles.Read(_temp.File("a")), OutputFiles.Read(_temp.File("b")));
    }

    [Fact]
    public void Rejects_a_model_whose_role_does_not_fit_the_job()
    {
        var translator = ClusterTinyModels.Translator(_temp.Path);

        var error = Assert.Throws<InvalidDataException>(() => LocalJobRunner.Run(JobSpec.Generation(translator, _temp.File("out"), [0], 1, 1)));

        Assert.Contains("'translator'", error.Message);
        Assert.Contains($"'{OnnxMetadataKeys.Roles.Generator}'", error.Message);
    }

    [Fact]
    public void Names_a_missing_model_file()
    {
        var missing = _temp.File("nowhere.onnx");

        var error = Assert.Throws<InvalidDataException>(() => LocalJobRunner.Run(JobSpec.Generation(missing, _temp.File("out"), [0], 1, 1)));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Rejects_labels_the_generator_does_not_have()
    {
        var generator = ClusterTinyModels.Generator(_temp.Path);

        var error = Assert.Throws<InvalidDataException>(() => LocalJobRunner.Run(JobSpec.Generation(generator, _temp.File("out"), [0, 5], 1, 1)));

        Assert.Contains("label(s) 5 out of range", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
