using Pipeline.Models.Translation;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Translation;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class TranslatorNetworkTests
{
    [Theory]
    [InlineData(28, 28, 1, 1)]
    [InlineData(20, 12, 3, 1)]
    public void Resnet_generator_keeps_the_image_shape_and_range(int height, int width, int inChannels, int outChannels)
    {
        using var scope = NewDisposeScope();
        using var generator = new ResnetGenerator(inChannels, outChannels, width: 4, blocks: 2);
        var images = rand(2, inChannels, height, width) * 2 - 1;

        var output = generator.call(images);

        Assert.Equal(new long[] { 2, outChannels, height, width }, output.shape);
        Assert.True(output.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void Resnet_generator_without_downsampling_keeps_odd_sizes()
    {
        using var scope = NewDisposeScope();
        using var generator = new ResnetGenerator(1, 1, width: 4, blocks: 1, downsamplings: 0);

        var output = generator.call(rand(1, 1, 7, 9));

        Assert.Equal(new long[] { 1, 1, 7, 9 }, output.shape);
    }

    [Fact]
    public void Resnet_generator_names_sizes_it_cannot_keep()
    {
        using var scope = NewDisposeScope();
        using var generator = new ResnetGenerator(1, 1, width: 4, blocks: 1);

        var error = Assert.Throws<ArgumentException>(() => generator.call(rand(1, 1, 7, 9)));

        Assert.Contains("divisible by 4, found 7x9", error.Message);
    }

    [Theory]
    [InlineData(32, 32, 5)]
    [InlineData(16, 24, 3)]
    public void UNet_keeps_the_image_shape(int height, int width, int depth)
    {
        using var scope = NewDisposeScope();
        using var generator = new UNetGenerator(1, 3, depth, width: 4);

        var output = generator.call(rand(2, 1, height, width) * 2 - 1);

        Assert.Equal(new long[] { 2, 3, height, width }, output.shape);
    }

    [Fact]
    public void UNet_with_resize_convolutions_keeps_the_image_shape()
    {
        using var scope = NewDisposeScope();
        using var generator = new UNetGenerator(1, 3, depth: 5, width: 4, upsampling: UNetUpsampling.NearestConvolution, innerLevelsWithoutNorm: 2);

        var output = generator.call(rand(2, 1, 64, 32) * 2 - 1);

        Assert.Equal(new long[] { 2, 3, 64, 32 }, output.shape);
        Assert.Contains(generator.named_parameters(), p => p.name == "ups.0.conv.weight" && p.parameter.shape.SequenceEqual(new long[] { 3, 8, 3, 3 }));
    }

    [Fact]
    public void UNet_keeps_instance_norm_off_the_inner_levels_it_is_told()
    {
        // Given: depth 5, so level 4 (2×2 at 32 px) is written by down layer 3 and by up layer 4.
        using var published = new UNetGenerator(1, 1, depth: 5, width: 4);
        using var fixedUNet = new UNetGenerator(1, 1, depth: 5, width: 4, innerLevelsWithoutNorm: 2);

        // Then: the published U-Net normalises the 2×2 maps; with two inner levels without norm, only levels 1 to 3 are.
        static string[] Norms(UNetGenerator g) => g.named_modules().Select(m => m.name).Where(n => n.EndsWith(".norm", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(["downs.1.norm", "downs.2.norm", "downs.3.norm", "ups.1.norm", "ups.2.norm", "ups.3.norm", "ups.4.norm"], Norms(published));
        Assert.Equal(["downs.1.norm", "downs.2.norm", "ups.1.norm", "ups.2.norm", "ups.3.norm"], Norms(fixedUNet));
    }

    [Fact]
    public void UNet_skips_carry_the_input_when_the_bottleneck_is_cut()
    {
        // Given: the innermost down convolution zeroed, so nothing reaches the output through the bottleneck.
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var generator = new UNetGenerator(1, 1, depth: 3, width: 4);
        generator.eval();
        using (no_grad())
        {
            foreach (var parameter in generator.Downs[2].parameters())
            {
                parameter.zero_();
            }
        }

        var images = (rand(1, 1, 8, 8) * 2 - 1).requires_grad_(true);

        // When
        generator.call(images).sum().backward();

        // Then: the input still gets a gradient, which only the skip concatenations can carry.
        Assert.True(images.grad!.abs().sum().item<float>() > 1e-4f);
    }

    [Fact]
    public void UNet_dropout_acts_only_in_training_mode()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var generator = new UNetGenerator(1, 1, depth: 5, width: 4);
        var images = rand(1, 1, 32, 32);

        generator.eval();
        var (first, second) = (generator.call(images), generator.call(images));
        generator.train();
        var (third, fourth) = (generator.call(images), generator.call(images));

        Assert.Equal(0f, (first - second).abs().max().item<float>());
        Assert.NotEqual(0f, (third - fourth).abs().max().item<float>());
    }

    [Theory]
    [InlineData(2, 7, 9)]
    [InlineData(4, 7, 7)]
    [InlineData(4, 5, 3)]
    public void Super_resolution_generator_scales_any_size_by_its_factor(int factor, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var generator = new SuperResolutionGenerator(1, factor, width: 4, blocks: 1);

        var output = generator.call(rand(2, 1, height, width));

        Assert.Equal(new long[] { 2, 1, factor * height, factor * width }, output.shape);
    }

    [Theory]
    [InlineData(3, 70)]
    [InlineData(2, 34)]
    [InlineData(1, 16)]
    public void PatchGAN_receptive_field_is_70_pixels_with_three_layers(int layers, int field)
    {
        Assert.Equal(field, PatchDiscriminator.ReceptiveField(layers));
    }

    [Theory]
    [InlineData(256, 3)]
    [InlineData(100, 2)]
    [InlineData(28, 1)]
    public void PatchGAN_layers_scale_with_the_image_size(int size, int layers)
    {
        Assert.Equal(layers, PatchDiscriminator.LayersFor(size));
    }

    [Theory]
    [InlineData(28, 28, 1, 12)]
    [InlineData(29, 31, 1, 12)]
    [InlineData(64, 64, 3, 6)]
    public void PatchGAN_scores_a_grid_of_patches_for_odd_sizes_too(int height, int width, int layers, int outHeight)
    {
        using var scope = NewDisposeScope();
        using var discriminator = new PatchDiscriminator(2, width: 4, layers: layers);

        var scores = discriminator.call(rand(3, 2, height, width));

        Assert.Equal(4, scores.dim());
        Assert.Equal((3L, 1L, (long)outHeight), (scores.shape[0], scores.shape[1], scores.shape[2]));
    }

    [Fact]
    public void Published_sizes_give_the_published_block_counts_and_depth()
    {
        Assert.Equal((6, 9), (ResnetGenerator.BlocksFor(128), ResnetGenerator.BlocksFor(256)));
        Assert.Equal((8, 5, 2), (UNetGenerator.DepthFor(256), UNetGenerator.DepthFor(32), UNetGenerator.DepthFor(28)));
    }
}
