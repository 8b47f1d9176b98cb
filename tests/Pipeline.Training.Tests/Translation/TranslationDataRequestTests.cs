using Pipeline.Data.Translation;
using Pipeline.Training.Translation;

namespace Pipeline.Training.Tests.Translation;

public sealed class TranslationDataRequestTests
{
    [Fact]
    public void Without_a_folder_pix2pix_trains_on_the_padded_fashion_edges()
    {
        // Given
        var request = new TranslationDataRequest(TrainLimit: 10);

        // When
        var data = request.ToData(TranslationRecipeKind.Pix2Pix, factor: 4);

        // Then
        Assert.Equal((TranslationDataKind.FashionEdges, 32, 1, 10), (data.Kind, data.ImageSize, data.Channels, data.TrainLimit));
    }

    [Fact]
    public void Refuses_one_of_two_matched_folders()
    {
        // Given
        var request = new TranslationDataRequest(FolderA: "edges");

        // When
        var error = Assert.Throws<ArgumentException>(() => request.ToData(TranslationRecipeKind.Pix2Pix, factor: 4));

        // Then
        Assert.Contains("--data-a and --data-b go together", error.Message);
    }

    [Fact]
    public void Refuses_a_crop_larger_than_the_images()
    {
        // Given
        var request = new TranslationDataRequest(Crop: 40);

        // When
        var error = Assert.Throws<ArgumentException>(() => request.ToAugmentation(TranslationRecipeKind.Pix2Pix, size: 32));

        // Then
        Assert.Contains("--crop 40 is larger than the 32x32 images", error.Message);
    }
}
