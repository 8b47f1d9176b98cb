using Pipeline.Training.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.StyleGan;

/// <summary>The closed forms behind the recipe: lazy regularisation's Adam adjustment, R1, ADA's update and its augmentations, the style bands.</summary>
public sealed class StyleGanPiecesTests
{
    [Fact]
    public void Lazy_regularisation_scales_adam_by_k_over_k_plus_one()
    {
        Assert.Equal(16.0 / 17, LazyRegularization.Ratio(16), 12);
        Assert.Equal(0.8, LazyRegularization.Ratio(4), 12);
        Assert.Equal(1.0, LazyRegularization.Ratio(0));
    }

    [Fact]
    public void R1_of_a_linear_discriminator_is_its_squared_weight_norm()
    {
        // Given: D(x) = Σ 3·x, whose gradient is 3 at every pixel of a 1×4×4 image.
        using var scope = NewDisposeScope();
        var images = randn(2, 1, 4, 4);

        // When
        var r1 = StyleGanRegularizers.R1(x => (x * 3).sum([1, 2, 3]), images);

        // Then: ‖∇D‖² = 9 · 16 per image.
        Assert.Equal([144f, 144f], r1.data<float>().ToArray());
    }

    [Fact]
    public void Path_lengths_of_a_synthesis_that_ignores_its_styles_are_zero_and_of_a_linear_one_positive()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        var ws = randn(3, 4, 5);

        var flat = StyleGanRegularizers.PathLengths(w => zeros(w.shape[0], 1, 8, 8) + (w.sum() * 0), ws);
        var linear = StyleGanRegularizers.PathLengths(w => w.sum([1, 2]).view(-1, 1, 1, 1).expand(-1, 1, 8, 8), ws);

        Assert.All(flat.data<float>().ToArray(), l => Assert.Equal(0f, l));
        Assert.All(linear.data<float>().ToArray(), l => Assert.True(l > 0));
    }

    [Theory]
    [InlineData(0.5, 0.7, 0.628)]   // r_t above target: p rises by B·interval/speed = 128/1000
    [InlineData(0.5, 0.5, 0.372)]   // below: falls
    [InlineData(0.05, 0.1, 0.0)]    // clamped at 0
    public void Ada_moves_p_towards_the_target_at_its_speed(double p, double rt, double expected) =>
        Assert.Equal(expected, AdaptiveAugmentation.Adjust(p, rt, target: 0.6, images: 128, speedImages: 1000), 12);

    [Fact]
    public void Augmentation_at_p_zero_is_the_identity_and_at_p_one_changes_every_image_and_passes_gradients()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var images = arange(4 * 8 * 8, dtype: float32).view(4, 1, 8, 8).requires_grad_(true);   // no image is its own mirror

        var unchanged = AdaptiveAugmentation.Apply(images, 0);
        var augmented = AdaptiveAugmentation.Apply(images, 1);
        augmented.sum().backward();

        Assert.True(unchanged.eq(images).all().item<bool>());
        Assert.All(Enumerable.Range(0, 4), i => Assert.False(augmented[i].eq(images[i]).all().item<bool>()));
        Assert.Equal(new long[] { 4, 1, 8, 8 }, augmented.shape);
        Assert.True(images.grad!.abs().sum().item<float>() > 0);
    }

    [Theory]
    [InlineData(32, "coarse 4–8 [0,3) middle 16 [3,5) fine 32 [5,8)")]
    [InlineData(64, "coarse 4–8 [0,3) middle 16–32 [3,7) fine 64 [7,10)")]
    [InlineData(16, "coarse 4–8 [0,3) fine 16 [3,6)")]
    [InlineData(8, "coarse 4–8 [0,4)")]
    public void Style_bands_follow_the_papers_coarse_middle_fine_split(int size, string expected)
    {
        var bands = StyleMixing.Bands(new Pipeline.Models.StyleGan.StyleGanOptions(ImageSize: size));

        Assert.Equal(expected, string.Join(" ", bands.Select(b => $"{b.Name} {b.Resolutions} [{b.From},{b.To})")));
    }
}
