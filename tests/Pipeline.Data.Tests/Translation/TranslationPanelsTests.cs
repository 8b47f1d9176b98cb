using Pipeline.Data.Translation;

namespace Pipeline.Data.Tests.Translation;

public sealed class TranslationPanelsTests
{
    [Fact]
    public void Places_columns_side_by_side_and_repeats_pixels_of_smaller_ones()
    {
        // Given: a 1x1 input valued 0.5 and a 2x2 output 0..3, two examples.
        var input = new ImageDataset([0.5f, 0.25f], new int[2], 1, 1, 1, 1, "input");
        var output = new ImageDataset([0, 1, 2, 3, 4, 5, 6, 7], new int[2], 1, 2, 2, 1, "output");

        // When
        var panels = TranslationPanels.Compose([input, output]);

        // Then: each panel is 2x4, the input repeated over its 2x2 cell.
        Assert.Equal((2, 2, 4), (panels.Count, panels.Height, panels.Width));
        Assert.Equal(new float[] { 0.5f, 0.5f, 0, 1, 0.5f, 0.5f, 2, 3 }, panels.Image(0).ToArray());
        Assert.Equal(new float[] { 0.25f, 0.25f, 4, 5, 0.25f, 0.25f, 6, 7 }, panels.Image(1).ToArray());
        Assert.Equal("input | output", panels.Source);
    }

    [Fact]
    public void Names_a_column_with_another_count()
    {
        var three = new ImageDataset(new float[3], new int[3], 1, 1, 1, 1, "three");
        var two = new ImageDataset(new float[2], new int[2], 1, 1, 1, 1, "two");

        var error = Assert.Throws<ArgumentException>(() => TranslationPanels.Compose([three, two]));

        Assert.Contains("two: 2 images", error.Message);
    }
}
