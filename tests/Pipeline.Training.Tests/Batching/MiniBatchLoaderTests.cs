using Pipeline.Training.Batching;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Batching;

public sealed class MiniBatchLoaderTests
{
    [Fact]
    public void Same_seed_gives_the_same_order_and_epochs_differ()
    {
        var data = SmallData.Indexed(100);
        var first = new MiniBatchLoader(data, 16, seed: 5, CPU);
        var second = new MiniBatchLoader(data, 16, seed: 5, CPU);

        Assert.Equal(first.Order(0), second.Order(0));
        Assert.Equal(first.Order(3), second.Order(3));
        Assert.NotEqual(first.Order(0), first.Order(1));
        Assert.NotEqual(first.Order(0), new MiniBatchLoader(data, 16, seed: 6, CPU).Order(0));
    }

    [Fact]
    public void An_epoch_visits_every_image_once_with_a_partial_last_batch()
    {
        var loader = new MiniBatchLoader(SmallData.Indexed(100), 16, seed: 1, CPU);

        var batches = loader.Epoch(2).ToList();

        Assert.Equal(7, loader.BatchesPerEpoch);
        Assert.Equal(7, batches.Count);
        Assert.Equal(4, batches[^1].Length);
        Assert.Equal(Enumerable.Range(0, 100), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void Starting_mid_epoch_continues_the_same_order()
    {
        var loader = new MiniBatchLoader(SmallData.Indexed(100), 16, seed: 1, CPU);

        var whole = loader.Epoch(4).ToList();
        var resumed = loader.Epoch(4, firstBatch: 3).ToList();

        Assert.Equal(whole.Skip(3), resumed);
    }

    [Fact]
    public void Gathered_batch_holds_the_requested_images_and_labels_in_order()
    {
        using var scope = NewDisposeScope();
        var loader = new MiniBatchLoader(SmallData.Indexed(10), 4, seed: 0, CPU);

        var (images, labels) = loader.Gather([7, 2, 9]);

        Assert.Equal(new long[] { 3, 1, 2, 2 }, images.shape);
        Assert.Equal(new[] { 7f, 2f, 9f }, images[.., 0, 0, 0].data<float>().ToArray());
        Assert.Equal(new long[] { 1, 2, 0 }, labels.data<long>().ToArray());
    }
}
