using Pipeline.Data.Translation;
using SkiaSharp;

namespace Pipeline.Data.Tests.Translation;

public sealed class SuperResolutionFoldersTests
{
    [Fact]
    public void One_folder_holds_out_every_tenth_image_and_the_input_is_the_per_channel_block_mean()
    {
        // Given: eleven 4x4 RGB images, red in the left half and blue in the top half
        using var temp = new TempDirectory();
        for (var i = 0; i < 11; i++)
        {
            TranslationFiles.Png(temp.File("hr", $"{i:D2}.png"), 4, 4, (x, y) => new SKColor(x < 2 ? (byte)255 : (byte)0, 0, y < 2 ? (byte)255 : (byte)0));
        }

        // When
        var size = SuperResolutionFolders.NativeSize(temp.File("hr"), factor: 2);
        var train = SuperResolutionFolders.Load(temp.File("hr"), DataSplit.Train, 2, new TranslationImageOptions(size, size, 3), requireSize: true);
        var test = SuperResolutionFolders.Load(temp.File("hr"), DataSplit.Test, 2, new TranslationImageOptions(size, size, 3), requireSize: true);

        // Then: 10 + 1 pairs; each 2x2 input pixel is the mean of its 2x2 block in each channel
        Assert.Equal((4, 10, 1), (size, train.A.Count, test.A.Count));
        Assert.Equal((3, 2, 2), (train.A.Channels, train.A.Height, train.A.Width));
        Assert.Equal((3, 4, 4), (train.B.Channels, train.B.Height, train.B.Width));
        float[] expected = [1, 0, 1, 0, /* green */ 0, 0, 0, 0, /* blue */ 1, 1, 0, 0];
        Assert.All(Enumerable.Range(0, 12), k => Assert.Equal(expected[k], test.A.Image(0)[k], precision: 3));
    }

    [Fact]
    public void Resizes_to_the_given_size_but_names_a_file_of_another_size_when_sizes_are_kept()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("hr", "train", "a.png"), 8, 8, SKColors.White);
        TranslationFiles.Png(temp.File("hr", "val", "b.png"), 6, 6, SKColors.White);

        // When
        var resized = SuperResolutionFolders.Load(temp.File("hr"), DataSplit.Test, 4, new TranslationImageOptions(8, 8, 1), requireSize: false);
        var error = Assert.Throws<InvalidDataException>(() => SuperResolutionFolders.Load(temp.File("hr"), DataSplit.Test, 2, new TranslationImageOptions(8, 8, 1), requireSize: true));

        // Then
        Assert.Equal((2, 2), (resized.A.Height, resized.A.Width));
        Assert.All(resized.A.Image(0).ToArray(), p => Assert.Equal(1f, p, precision: 3));
        Assert.Contains(temp.File("hr", "val", "b.png") + ": 6x6, but the images are 8x8", error.Message);
    }
}
