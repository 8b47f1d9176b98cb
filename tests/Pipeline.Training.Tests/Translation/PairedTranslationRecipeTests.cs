using Pipeline.Data.Translation;
using Pipeline.Models.Classifiers;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Translation;

public sealed class PairedTranslationRecipeTests
{
    private static readonly TranslationTrainingOptions s_training = new(Steps: 40, BatchSize: 4, LearningRate: 1e-3, Seed: 2);

    [Fact]
    public void Pix2pix_steps_with_dropout_resume_exactly()
    {
        // Given
        using var temp = new TempDirectory();
        var options = new Pix2PixOptions(ImageSize: 16, GeneratorWidth: 4, DiscriminatorWidth: 4);
        var batches = new TranslationBatches(Pairs(16), 4, 2, CPU);
        using var straight = Pix2PixRecipe.Create(options, s_training, CPU);
        var losses = Enumerable.Range(0, 4).Select(s => Run(straight, batches, s)).ToArray();
        using (var first = Pix2PixRecipe.Create(options, s_training, CPU))
        {
            Run(first, batches, 0);
            Run(first, batches, 1);
            Checkpoint.Save(temp.File("last.ckpt"), "pix2pix", 2, "test", first.Modules(), first.Optimizers());
        }

        // When
        using var resumed = Pix2PixRecipe.Create(options, s_training, CPU);
        Checkpoint.Load(temp.File("last.ckpt"), "pix2pix", resumed.Modules(), resumed.Optimizers());
        var resumedLosses = new[] { Run(resumed, batches, 2), Run(resumed, batches, 3) };

        // Then
        Assert.Equal(losses[2..], resumedLosses);
        Assert.All(losses, l => Assert.True(l.Reconstruction > 0 && l.Adversarial > 0 && l.Discriminator > 0));
    }

    [Theory]
    [InlineData(ContentLoss.Mse, 0)]
    [InlineData(ContentLoss.L1, 1e-3)]
    [InlineData(ContentLoss.ClassifierFeatures, 1e-3)]
    public void Super_resolution_lowers_its_content_loss_in_a_few_steps(ContentLoss content, double adversarialWeight)
    {
        // Given: 4x pairs and an untrained classifier (its random features still separate images).
        manual_seed(1);
        using var classifier = new ImageClassifier(1, 28, 10);
        var options = new SuperResolutionOptions(GeneratorWidth: 8, Blocks: 1, DiscriminatorWidth: 4, Content: content, AdversarialWeight: adversarialWeight);
        using var recipe = SuperResolutionRecipe.Create(options, s_training, CPU, classifier);
        var batches = new TranslationBatches(SuperResolution(), 4, 2, CPU);

        // When: the same batch, so the loss must fall.
        var losses = Enumerable.Range(0, 15).Select(_ => Run(recipe, batches, 0).Reconstruction).ToArray();

        // Then
        Assert.True(losses[^1] < 0.7 * losses[0], $"content loss {losses[0]} → {losses[^1]}");
        Assert.Equal(adversarialWeight > 0, recipe.Discriminator is not null);
    }

    private static TranslationImages Pairs(int size)
    {
        var items = SmallData.TrainImages(16);
        var pixels = new float[16 * size * size];
        for (var i = 0; i < 16; i++)
        {
            for (var y = 0; y < size; y++)
            {
                items.Image(i).Slice((y + 6) * 28 + 6, size).CopyTo(pixels.AsSpan((i * size * size) + (y * size)));
            }
        }

        var crops = new Data.ImageDataset(pixels, new int[16], 1, size, size, 1, "crops");
        var edges = new float[pixels.Length];
        for (var i = 0; i < 16; i++)
        {
            FashionMnistTranslation.Edges(crops.Image(i), size, size, 0.2f, edges.AsSpan(i * size * size, size * size));
        }

        return new TranslationImages(new Data.ImageDataset(edges, new int[16], 1, size, size, 1, "edges"), crops, IsPaired: true);
    }

    private static TranslationImages SuperResolution()
    {
        var high = SmallData.TrainImages(8);
        var low = new float[8 * 49];
        for (var i = 0; i < 8; i++)
        {
            for (var p = 0; p < 49; p++)
            {
                low[(i * 49) + p] = high.Image(i)[((p / 7) * 4 * 28) + ((p % 7) * 4)];
            }
        }

        return new TranslationImages(new Data.ImageDataset(low, new int[8], 1, 7, 7, 1, "low"), high, IsPaired: true);
    }

    private static PairedLosses Run(PairedTranslationRecipe recipe, TranslationBatches batches, long step)
    {
        using var scope = NewDisposeScope();
        var (a, b) = batches.Batch(step);
        return recipe.Step(a, b, step);
    }
}
