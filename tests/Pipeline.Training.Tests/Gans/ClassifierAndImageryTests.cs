using Pipeline.Models.Classifiers;
using Pipeline.Models.Gans;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Gans;

public sealed class ClassifierAndImageryTests
{
    [Fact]
    public void Classifier_loss_falls_over_a_few_dozen_steps()
    {
        manual_seed(0);
        using var model = new ImageClassifier(1, 28, 10);

        var losses = TrainedClassifier.Train(model, SmallData.TrainImages(1024), epochs: 3, seed: 0, CPU, batchSize: 64, maxSteps: 40);

        Assert.Equal(40, losses.Count);
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average() - 0.5, $"loss {losses.Take(5).Average():F2} → {losses.TakeLast(5).Average():F2}");
    }

    [Fact]
    public void Truncated_latents_stay_within_the_threshold()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);

        var z = GanSampling.Latents(1000, 32, CPU, truncation: 0.5);

        Assert.True(z.abs().max().item<float>() <= 0.5f);
        Assert.Equal(new long[] { 1000, 32 }, z.shape);
    }

    [Fact]
    public void Slerp_keeps_the_norm_between_orthogonal_unit_latents()
    {
        using var scope = NewDisposeScope();
        var z0 = tensor(new float[] { 1, 0 }).reshape(1, 2);
        var z1 = tensor(new float[] { 0, 1 }).reshape(1, 2);

        var path = GanImagery.Slerp(z0, z1, linspace(0, 1, 5).unsqueeze(1));

        Assert.True(path.norm(1).allclose(ones(5), atol: 1e-5));
        Assert.True(path[0].allclose(z0[0], atol: 1e-5) && path[4].allclose(z1[0], atol: 1e-5));
    }

    [Fact]
    public void Nearest_neighbours_of_training_images_are_themselves()
    {
        using var scope = NewDisposeScope();
        var train = SmallData.TrainImages(300);
        var queries = tensor(train.Pixels.AsSpan(7 * 784, 2 * 784).ToArray(), [2, 1, 28, 28]); // images 7 and 8

        var neighbours = GanImagery.NearestNeighbours(queries, train, k: 3, chunk: 128);

        Assert.Equal(7, neighbours[0, 0]);
        Assert.Equal(8, neighbours[1, 0]);
        Assert.Equal(3, neighbours.GetLength(1));
    }

    [Fact]
    public void Fixed_grid_has_one_row_per_class_sharing_latents_across_rows()
    {
        using var scope = NewDisposeScope();

        var (z, labels, columns) = GanSampling.FixedGrid(new GanOptions(), seed: 1, CPU);

        Assert.Equal(10, columns);
        Assert.Equal(new long[] { 100, 128 }, z.shape);
        Assert.Equal(3, labels[35].item<long>());
        Assert.True(z[5].allclose(z[95]));
    }
}
