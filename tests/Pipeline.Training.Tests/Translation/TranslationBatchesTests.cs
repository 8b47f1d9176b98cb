using Pipeline.Data;
using Pipeline.Data.Translation;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Translation;

public sealed class TranslationBatchesTests
{
    [Fact]
    public void Paired_batches_take_the_same_images_and_the_same_crop_from_both_domains()
    {
        // Given: B is A plus 0.25, so a pair stays aligned only if both get the same image and crop.
        using var scope = NewDisposeScope();
        var a = SmallData.TrainImages(6);
        var b = new ImageDataset(a.Pixels.Select(p => (p * 0.5f) + 0.25f).ToArray(), a.Labels, 1, 28, 28, a.ClassCount, "shifted");
        var batches = new TranslationBatches(new TranslationImages(a, b, IsPaired: true), 4, 3, CPU, new TranslationAugmentation(24, 24, Flip: true));

        // When
        var (batchA, batchB) = batches.Batch(0);

        // Then: in [−1, 1], B = A / 2 in that range, and the crop size as asked.
        Assert.Equal(new long[] { 4, 1, 24, 24 }, batchA.shape);
        Assert.True(batchB.allclose(batchA * 0.5, atol: 1e-5));
        Assert.True(batchA.min().item<float>() >= -1f);
    }

    [Fact]
    public void A_batch_is_the_same_whenever_it_is_asked_for()
    {
        using var scope = NewDisposeScope();
        var images = new TranslationImages(SmallData.TrainImages(10), SmallData.TestImages(7), IsPaired: false);
        var augmentation = new TranslationAugmentation(20, 20, Flip: true);

        var first = new TranslationBatches(images, 3, 5, CPU, augmentation).Batch(4);
        var again = new TranslationBatches(images, 3, 5, CPU, augmentation).Batch(4);
        var other = new TranslationBatches(images, 3, 5, CPU, augmentation).Batch(5);

        Assert.Equal(0f, (first.A - again.A).abs().max().item<float>());
        Assert.Equal(0f, (first.B - again.B).abs().max().item<float>());
        Assert.NotEqual(0f, (first.A - other.A).abs().max().item<float>());
    }

    [Fact]
    public void Refuses_one_crop_for_pairs_of_different_sizes()
    {
        var pairs = FashionMnistTranslation.SuperResolution(DataSplit.Test).Take(4);

        var error = Assert.Throws<ArgumentException>(() => new TranslationBatches(pairs, 2, 0, CPU, new TranslationAugmentation(6, 6, false)));

        Assert.Contains("7x7 and 28x28 images cannot share one crop", error.Message);
    }
}
