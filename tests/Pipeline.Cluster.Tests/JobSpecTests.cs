using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

public sealed class JobSpecTests
{
    [Fact]
    public void Shards_cover_every_item_once_with_a_short_last_shard()
    {
        var job = JobSpec.Generation("g.onnx", "out", [0, 2], countPerLabel: 5, seed: 1) with { ShardSize = 4 };

        var items = Enumerable.Range(0, job.ShardCount).SelectMany(s => Enumerable.Range(job.ShardRange(s).First, job.ShardRange(s).Count)).ToArray();

        Assert.Equal(3, job.ShardCount);
        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.Equal((8, 2), job.ShardRange(2));
    }

    [Fact]
    public void Generated_images_are_named_by_label_and_index()
    {
        var job = JobSpec.Generation("g.onnx", "out", [7, 3], countPerLabel: 2, seed: 1);

        Assert.Equal(Path.Combine("label-7", "0000001.png"), job.OutputName(1));
        Assert.Equal(Path.Combine("label-3", "0000002.png"), job.OutputName(2));
        Assert.Equal("0000004.png", (job with { Labels = [] }).OutputName(4));
    }

    [Fact]
    public void Translation_outputs_keep_the_input_names()
    {
        var job = JobSpec.Translation("t.onnx", "out", ["a/cat.jpg", "b/dog.png"]);

        Assert.Equal("dog.png", job.OutputName(1));
    }

    [Fact]
    public void Rejects_inputs_that_would_overwrite_each_other()
    {
        var job = JobSpec.Translation("t.onnx", "out", ["a/cat.jpg", "b/cat.png"]);

        var error = Assert.Throws<ArgumentException>(job.Validate);

        Assert.Contains("cat.png", error.Message);
    }

    [Fact]
    public void Rejects_a_generation_job_without_images()
    {
        var error = Assert.Throws<ArgumentException>(JobSpec.Generation("g.onnx", "out", [0], countPerLabel: 0, seed: 1).Validate);

        Assert.Contains("CountPerLabel", error.Message);
    }

    [Fact]
    public void Specs_with_equal_lists_are_equal()
    {
        var a = JobSpec.Generation("g.onnx", "out", new List<int> { 1, 2 }, 3, 4);
        var b = JobSpec.Generation("g.onnx", "out", new[] { 1, 2 }, 3, 4);

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Labels = [2, 1] });
    }
}
