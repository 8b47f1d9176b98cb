using Pipeline.Data.Translation;

namespace Pipeline.Data.Tests.Translation;

public sealed class TranslationAugmentationTests
{
    [Fact]
    public void Crops_at_the_placement_and_mirrors_rows()
    {
        // Given: a 1x3x4 image holding 0..11 row by row.
        var image = Enumerable.Range(0, 12).Select(v => (float)v).ToArray();
        var augmentation = new TranslationAugmentation(2, 3, Flip: true);
        var target = new float[6];

        // When
        augmentation.Apply(image, 1, 3, 4, new TranslationAugmentation.Placement(1, 1, Mirrored: true), target);

        // Then: rows 1–2, columns 1–3, each reversed.
        Assert.Equal(new float[] { 7, 6, 5, 11, 10, 9 }, target);
    }

    [Fact]
    public void Draws_every_position_and_both_flips_within_bounds()
    {
        // Given
        var augmentation = new TranslationAugmentation(26, 26, Flip: true);
        var random = new Random(3);

        // When
        var placements = Enumerable.Range(0, 400).Select(_ => augmentation.Draw(28, 28, random)).ToArray();

        // Then
        Assert.Equal([0, 1, 2], placements.Select(p => p.Top).Distinct().Order());
        Assert.Equal([0, 1, 2], placements.Select(p => p.Left).Distinct().Order());
        Assert.Equal(2, placements.Select(p => p.Mirrored).Distinct().Count());
    }

    [Fact]
    public void Refuses_a_crop_larger_than_the_image()
    {
        var error = Assert.Throws<ArgumentException>(() => new TranslationAugmentation(30, 30, false).Draw(28, 28, new Random(0)));

        Assert.Contains("30x30 crop does not fit 28x28", error.Message);
    }
}
