using Pipeline.Data.Translation;
using SkiaSharp;

namespace Pipeline.Data.Tests.Translation;

public sealed class CycleGanFoldersTests
{
    private static readonly TranslationImageOptions s_grey8 = new(8, 8, 1);

    [Fact]
    public void Loads_both_domains_of_a_split_unpaired_and_resized()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("trainA", "1.png"), 16, 16, SKColors.White);
        TranslationFiles.Png(temp.File("trainA", "2.jpg"), 10, 12, SKColors.White);
        TranslationFiles.Png(temp.File("trainB", "x.png"), 8, 8, SKColors.Black);
        TranslationFiles.Png(temp.File("testA", "t.png"), 8, 8, SKColors.Black);

        // When
        var images = CycleGanFolders.Load(temp.Path, DataSplit.Train, new TranslationImageOptions(8, 8, 3));

        // Then
        Assert.False(images.IsPaired);
        Assert.Equal((2, 1), (images.A.Count, images.B.Count));
        Assert.Equal((3, 8, 8), (images.A.Channels, images.A.Height, images.A.Width));
        Assert.All(images.A.Pixels, p => Assert.Equal(1f, p, precision: 3));
        Assert.All(images.B.Pixels, p => Assert.Equal(0f, p));
    }

    [Fact]
    public void Names_the_missing_trainB_folder()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("trainA", "1.png"), 8, 8, SKColors.White);

        // When
        var error = Assert.Throws<DirectoryNotFoundException>(() => CycleGanFolders.Load(temp.Path, DataSplit.Train, s_grey8));

        // Then
        Assert.Contains(temp.File("trainB"), error.Message);
        Assert.Contains("trainA/ trainB/ testA/ testB/", error.Message);
    }

    [Fact]
    public void Names_an_empty_domain_folder()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("testA", "1.png"), 8, 8, SKColors.White);
        Directory.CreateDirectory(temp.File("testB"));

        // When
        var error = Assert.Throws<InvalidDataException>(() => CycleGanFolders.Load(temp.Path, DataSplit.Test, s_grey8));

        // Then
        Assert.Contains(temp.File("testB"), error.Message);
        Assert.Contains("empty folder", error.Message);
    }

    [Fact]
    public void Names_a_file_that_is_not_an_image()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("trainA", "1.png"), 8, 8, SKColors.White);
        TranslationFiles.Png(temp.File("trainB", "1.png"), 8, 8, SKColors.White);
        File.WriteAllText(temp.File("trainB", "notes.txt"), "hello");

        // When
        var error = Assert.Throws<InvalidDataException>(() => CycleGanFolders.Load(temp.Path, DataSplit.Train, s_grey8));

        // Then
        Assert.Contains(temp.File("trainB", "notes.txt"), error.Message);
        Assert.Contains("not an image file", error.Message);
    }

    [Fact]
    public void Names_a_png_that_cannot_be_decoded()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("trainA", "1.png"), 8, 8, SKColors.White);
        Directory.CreateDirectory(temp.File("trainB"));
        File.WriteAllText(temp.File("trainB", "broken.png"), "not really a png");

        // When
        var error = Assert.Throws<InvalidDataException>(() => CycleGanFolders.Load(temp.Path, DataSplit.Train, s_grey8));

        // Then
        Assert.Contains(temp.File("trainB", "broken.png"), error.Message);
        Assert.Contains("could not decode", error.Message);
    }
}
