using Pipeline.Data.Translation;
using Pipeline.Training.Translation;

namespace Pipeline.Training.Tests.Translation;

// The config refuses what its networks cannot do with its data, so an app training through the application layer
// meets the refusals of `train pix2pix|superres`, in the same words.
public sealed class TranslationRunConfigTests
{
    [Fact]
    public void Refuses_test_images_that_the_unets_size_multiple_does_not_divide()
    {
        // Given: 32x32 training crops of 36x36 images; the U-Net for 32 halves five times (a multiple of 32)
        var config = new TranslationRunConfig(
            TranslationRecipeKind.Pix2Pix,
            new TranslationData(TranslationDataKind.SideBySide, "pairs", ImageSize: 36, Channels: 3),
            new TranslationTrainingOptions(),
            Pix2Pix: new Pix2PixOptions(3, 3, ImageSize: 32));

        // When
        var error = Assert.Throws<ArgumentException>(() => config.Validate());

        // Then
        Assert.Contains("36x36 images do not divide", error.Message);
    }

    [Fact]
    public void Refuses_the_classifier_feature_loss_on_images_the_fashion_classifier_cannot_read()
    {
        // Given: RGB 64x64 targets
        var config = new TranslationRunConfig(
            TranslationRecipeKind.SuperResolution,
            new TranslationData(TranslationDataKind.SuperResolutionFolders, "photos", ImageSize: 64, Channels: 3),
            new TranslationTrainingOptions(),
            SuperResolution: new SuperResolutionOptions(3, 4, 64, Content: ContentLoss.ClassifierFeatures));

        // When
        var error = Assert.Throws<ArgumentException>(() => config.Validate());

        // Then
        Assert.Contains("takes grey 28x28 images; these are 3x64x64", error.Message);
    }

    [Fact]
    public void Accepts_a_cyclegan_whose_crops_and_images_divide_by_four()
    {
        // Given
        var config = new TranslationRunConfig(
            TranslationRecipeKind.CycleGan,
            new TranslationData(TranslationDataKind.FashionSneakerBoot, "fashion"),
            new TranslationTrainingOptions(),
            CycleGan: new CycleGanOptions(ImageSize: 24));

        // When / Then
        Assert.Same(config, config.Validate());
    }
}
