using Pipeline.Data.Translation;

namespace Pipeline.Data.Tests.Translation;

public sealed class FashionMnistTranslationTests
{
    [Fact]
    public void Edges_of_a_square_lie_on_its_border_only()
    {
        // Given: a white 4x4 square in the middle of an 8x8 black image.
        var image = new float[64];
        for (var y = 2; y < 6; y++)
        {
            for (var x = 2; x < 6; x++)
            {
                image[(y * 8) + x] = 1f;
            }
        }

        var edges = new float[64];

        // When
        FashionMnistTranslation.Edges(image, 8, 8, 0.2f, edges);

        // Then: the square's centre and the image's corners are not edges, its outline is.
        Assert.Equal(0f, edges[(0 * 8) + 0]);
        Assert.Equal(0f, edges[(3 * 8) + 3]);
        Assert.Equal(1f, edges[(2 * 8) + 3]);
        Assert.Equal(1f, edges[(3 * 8) + 1]);
    }

    [Fact]
    public void Builds_unpaired_sneakers_and_ankle_boots_from_the_test_split()
    {
        var images = FashionMnistTranslation.SneakerToAnkleBoot(DataSplit.Test);

        Assert.False(images.IsPaired);
        Assert.Equal((1000, 1000), (images.A.Count, images.B.Count));
        Assert.Contains("Sneaker", images.A.Source);
        Assert.Contains("Ankle boot", images.B.Source);
    }

    [Fact]
    public void Builds_4x_super_resolution_pairs_by_block_means()
    {
        var pairs = FashionMnistTranslation.SuperResolution(DataSplit.Test, factor: 4).Take(3);

        Assert.True(pairs.IsPaired);
        Assert.Equal((7, 7, 28, 28), (pairs.A.Height, pairs.A.Width, pairs.B.Height, pairs.B.Width));
        var high = pairs.B.Image(2);
        var expected = 0f;
        for (var dy = 0; dy < 4; dy++)
        {
            for (var dx = 0; dx < 4; dx++)
            {
                expected += high[((12 + dy) * 28) + 8 + dx] / 16;
            }
        }

        Assert.Equal(expected, pairs.A.Image(2)[(3 * 7) + 2], precision: 5);
    }

    [Fact]
    public void Builds_padded_edge_to_item_pairs_at_32()
    {
        var pairs = FashionMnistTranslation.EdgesToItem(DataSplit.Test).Take(5);

        Assert.Equal((5, 32, 32), (pairs.A.Count, pairs.A.Height, pairs.B.Width));
        Assert.All(pairs.A.Pixels, p => Assert.True(p is 0f or 1f));
        Assert.True(pairs.A.Pixels.Sum() > 0);
        Assert.Equal(0f, pairs.B.Image(0)[0]);
    }

    [Fact]
    public void Refuses_a_3x_factor()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FashionMnistTranslation.SuperResolution(DataSplit.Test, factor: 3));

        Assert.Contains("2 (14 → 28) or 4 (7 → 28)", error.Message);
    }
}
