using Pipeline.Data.Translation;
using SkiaSharp;

namespace Pipeline.Data.Tests.Translation;

public sealed class AlignedPairsTests
{
    private static readonly TranslationImageOptions s_grey4 = new(4, 4, 1);

    [Fact]
    public void Splits_side_by_side_images_into_left_A_and_right_B()
    {
        // Given: white left half, black right half.
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("pairs", "a.png"), 8, 4, (x, _) => x < 4 ? SKColors.White : SKColors.Black);
        TranslationFiles.Png(temp.File("pairs", "b.png"), 8, 4, (x, _) => x < 4 ? SKColors.Black : SKColors.White);

        // When
        var pairs = AlignedPairs.LoadSideBySide(temp.File("pairs"), s_grey4);

        // Then
        Assert.True(pairs.IsPaired);
        Assert.Equal((2, 2), (pairs.A.Count, pairs.B.Count));
        Assert.All(pairs.A.Image(0).ToArray(), p => Assert.Equal(1f, p, precision: 3));
        Assert.All(pairs.B.Image(0).ToArray(), p => Assert.Equal(0f, p, precision: 3));
        Assert.All(pairs.A.Image(1).ToArray(), p => Assert.Equal(0f, p, precision: 3));
        Assert.All(pairs.B.Image(1).ToArray(), p => Assert.Equal(1f, p, precision: 3));
    }

    [Fact]
    public void Names_a_side_by_side_image_of_odd_width()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("pairs", "odd.png"), 9, 4, SKColors.White);

        // When
        var error = Assert.Throws<InvalidDataException>(() => AlignedPairs.LoadSideBySide(temp.File("pairs"), s_grey4));

        // Then
        Assert.Contains(temp.File("pairs", "odd.png"), error.Message);
        Assert.Contains("width 9 is odd", error.Message);
    }

    [Fact]
    public void Matches_two_folders_by_file_name_in_rgb()
    {
        // Given: names listed in another order in B.
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("A", "1.png"), 6, 6, new SKColor(255, 0, 0));
        TranslationFiles.Png(temp.File("A", "2.png"), 6, 6, new SKColor(0, 255, 0));
        TranslationFiles.Png(temp.File("B", "2.png"), 6, 6, new SKColor(0, 0, 255));
        TranslationFiles.Png(temp.File("B", "1.png"), 6, 6, new SKColor(255, 255, 255));

        // When
        var pairs = AlignedPairs.LoadMatched(temp.File("A"), temp.File("B"), new TranslationImageOptions(4, 4, 3));

        // Then: pair 0 is (red, white), pair 1 is (green, blue).
        Assert.Equal(1f, pairs.A.Image(0)[0], precision: 3);
        Assert.Equal(1f, pairs.B.Image(0)[32], precision: 3);
        Assert.Equal(1f, pairs.A.Image(1)[16], precision: 3);
        Assert.Equal(0f, pairs.B.Image(1)[0], precision: 3);
        Assert.Equal(1f, pairs.B.Image(1)[32], precision: 3);
    }

    [Fact]
    public void Names_pair_halves_of_different_sizes()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("A", "1.png"), 6, 6, SKColors.White);
        TranslationFiles.Png(temp.File("B", "1.png"), 6, 7, SKColors.White);

        // When
        var error = Assert.Throws<InvalidDataException>(() => AlignedPairs.LoadMatched(temp.File("A"), temp.File("B"), s_grey4));

        // Then
        Assert.Contains(temp.File("B", "1.png"), error.Message);
        Assert.Contains("6x7", error.Message);
        Assert.Contains("same size", error.Message);
    }

    [Fact]
    public void Names_a_file_without_a_partner()
    {
        // Given
        using var temp = new TempDirectory();
        TranslationFiles.Png(temp.File("A", "1.png"), 6, 6, SKColors.White);
        TranslationFiles.Png(temp.File("B", "1.png"), 6, 6, SKColors.White);
        TranslationFiles.Png(temp.File("B", "extra.png"), 6, 6, SKColors.White);

        // When
        var error = Assert.Throws<InvalidDataException>(() => AlignedPairs.LoadMatched(temp.File("A"), temp.File("B"), s_grey4));

        // Then
        Assert.Contains(temp.File("B", "extra.png"), error.Message);
        Assert.Contains("no file of the same name", error.Message);
    }

    [Fact]
    public void Names_an_empty_pair_folder()
    {
        // Given
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("pairs"));

        // When
        var error = Assert.Throws<InvalidDataException>(() => AlignedPairs.LoadSideBySide(temp.File("pairs"), s_grey4));

        // Then
        Assert.Contains(temp.File("pairs"), error.Message);
        Assert.Contains("empty folder", error.Message);
    }
}
