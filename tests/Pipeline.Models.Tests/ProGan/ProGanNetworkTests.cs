using Pipeline.Models.ProGan;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Models.Tests.ProGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class ProGanNetworkTests
{
    // 32×32 grey, 10 classes, narrow: levels 4, 8, 16, 32 with 16, 16, 16, 8 channels.
    private static readonly ProGanOptions Small = ProGanOptions.ConditionalFashion32 with { LatentSize = 8, WidthBase = 256, MaxWidth = 16, MinWidth = 8 };

    [Fact]
    public void Generator_and_discriminator_work_at_every_level()
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var generator = new ProGanGenerator(Small);
        using var discriminator = new ProGanDiscriminator(Small);
        var z = randn(4, 8);
        var labels = tensor(new long[] { 0, 3, 7, 9 });

        for (var level = 0; level <= Small.Levels; level++)
        {
            foreach (var alpha in new[] { 0.3, 1.0 })
            {
                // When
                var images = generator.Grow(z, labels, level, alpha);
                var scores = discriminator.Score(images, labels, level, alpha);

                // Then
                var size = 4 << level;
                Assert.Equal(new long[] { 4, 1, size, size }, images.shape);
                Assert.Equal(new long[] { 4 }, scores.shape);
                Assert.True(images.isfinite().all().item<bool>() && scores.isfinite().all().item<bool>());
            }
        }

        Assert.Equal(new long[] { 4, 1, 32, 32 }, generator.call(z, labels).shape);
        Assert.Equal([16, 16, 16, 8], Enumerable.Range(0, 4).Select(Small.WidthAt));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generator_fade_in_starts_at_the_previous_level_doubled_and_ends_at_the_new_block(int level)
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var generator = new ProGanGenerator(Small);
        var z = randn(3, 8);
        var labels = tensor(new long[] { 1, 2, 5 });

        // When
        var start = generator.Grow(z, labels, level, 0);
        var end = generator.Grow(z, labels, level, 1);
        var middle = generator.Grow(z, labels, level, 0.25);

        // Then: α = 0 is the previous level's image doubled; α = 1 the new toRGB alone; between, the blend.
        var previous = ProGanResampling.Double(generator.Grow(z, labels, level - 1, 1));
        Assert.True(start.allclose(previous, rtol: 0, atol: 1e-6));
        var newBlock = generator.ToRgb[level].call(Features(generator, z, labels, level));
        Assert.True(end.allclose(newBlock, rtol: 0, atol: 1e-6));
        Assert.True(middle.allclose((0.75 * previous) + (0.25 * end), rtol: 0, atol: 1e-5));
        Assert.False(start.allclose(end, rtol: 0, atol: 1e-3), "the new block must change the image");
    }

    [Fact]
    public void Discriminator_fade_in_starts_at_the_previous_level_on_pooled_images()
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var discriminator = new ProGanDiscriminator(Small);
        var images = (rand(4, 1, 16, 16) * 2) - 1;
        var labels = tensor(new long[] { 0, 1, 2, 3 });

        // When
        var start = discriminator.Score(images, labels, 2, 0);
        var end = discriminator.Score(images, labels, 2, 1);

        // Then
        Assert.True(start.allclose(discriminator.Score(ProGanResampling.Halve(images), labels, 1, 1), rtol: 0, atol: 1e-5));
        Assert.False(start.allclose(end, rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void Projection_makes_the_score_depend_on_the_label_and_unconditional_networks_ignore_it()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var conditional = new ProGanDiscriminator(Small);
        using var unconditional = new ProGanDiscriminator(Small with { ClassCount = 0 });
        using var generator = new ProGanGenerator(Small with { ClassCount = 0 });
        var images = (rand(4, 1, 32, 32) * 2) - 1;
        var (a, b) = (tensor(new long[] { 0, 0, 0, 0 }), tensor(new long[] { 5, 5, 5, 5 }));
        var z = randn(4, 8);

        Assert.False(conditional.call(images, a).allclose(conditional.call(images, b)));
        Assert.True(unconditional.call(images, a).equal(unconditional.call(images, b)).all().item<bool>());
        Assert.True(generator.call(z, a).equal(generator.call(z, b)).all().item<bool>());
    }

    [Fact]
    public void A_growing_label_embedding_cannot_drown_z_because_both_are_normalised_apart()
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var generator = new ProGanGenerator(Small);
        var (z, labels) = (randn(3, 8), tensor(new long[] { 1, 4, 8 }));
        var before = generator.call(z, labels);

        // When: the embedding grows a hundredfold, as an unnormalised embedding can under Adam.
        using (no_grad())
        {
            generator.Embed!.weight!.mul_(100);
        }

        // Then
        Assert.True(generator.call(z, labels).allclose(before, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Reals_are_pooled_to_the_stage_and_faded_like_the_generator()
    {
        using var scope = NewDisposeScope();
        var images = rand(2, 1, 32, 32);

        var stable = ProGanResampling.RealsAt(images, 8, 1);
        var fading = ProGanResampling.RealsAt(images, 8, 0);

        Assert.True(stable.allclose(functional.avg_pool2d(images, 4)));
        Assert.True(fading.allclose(ProGanResampling.Double(functional.avg_pool2d(images, 8))));
    }

    [Theory]
    [InlineData(nameof(ProGanOptions.ImageSize), 28)]
    [InlineData(nameof(ProGanOptions.ImageSize), 4)]
    [InlineData(nameof(ProGanOptions.Channels), 2)]
    [InlineData(nameof(ProGanOptions.LatentSize), 0)]
    public void Options_that_cannot_build_the_networks_are_refused_by_name(string option, int value)
    {
        var options = option switch
        {
            nameof(ProGanOptions.ImageSize) => Small with { ImageSize = value },
            nameof(ProGanOptions.Channels) => Small with { Channels = value },
            _ => Small with { LatentSize = value },
        };

        var error = Assert.Throws<ArgumentException>(() => new ProGanGenerator(options));

        Assert.Contains($"option {option} must be", error.Message);
    }

    [Fact]
    public void A_level_or_alpha_out_of_range_is_refused()
    {
        using var scope = NewDisposeScope();
        using var generator = new ProGanGenerator(Small);
        var (z, labels) = (randn(2, 8), tensor(new long[] { 0, 1 }));

        Assert.Contains("[0, 3]", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Grow(z, labels, 4, 1)).Message);
        Assert.Contains("α in [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Grow(z, labels, 1, 1.5)).Message);
    }

    // The features of level l, recomputed from the public layers: the grown image at α = 1 must be toRGB_l of these.
    private static Tensor Features(ProGanGenerator generator, Tensor z, Tensor labels, int level)
    {
        var input = cat([generator.Norm.call(z), generator.Norm.call(generator.Embed!.call(labels))], 1);
        var x = generator.Dense.call(input).reshape(-1, generator.Options.WidthAt(0), 4, 4);
        x = generator.Norm.call(functional.leaky_relu(x, 0.2));
        x = generator.Norm.call(functional.leaky_relu(generator.Conv.call(x), 0.2));
        for (var l = 1; l <= level; l++)
        {
            x = generator.Blocks[l - 1].call(x);
        }

        return x;
    }
}
