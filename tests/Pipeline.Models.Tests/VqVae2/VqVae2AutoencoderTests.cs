using Pipeline.Models.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.VqVae2;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class VqVae2AutoencoderTests
{
    private static readonly VqVae2Options Tiny = new(HiddenChannels: 8, ResidualChannels: 4, ResidualBlocks: 1, CodebookSize: 16, CodeDim: 4);

    [Theory]
    [InlineData(1, 28, 2, 14, 7)]
    [InlineData(1, 28, 4, 7, 4)]   // odd bottom grid
    [InlineData(3, 20, 2, 10, 5)]  // odd top grid
    [InlineData(3, 36, 4, 9, 5)]   // both odd
    [InlineData(3, 32, 2, 16, 8)]
    [InlineData(3, 64, 4, 16, 8)]
    public void Grids_and_reconstructions_have_the_shapes_the_options_promise(int channels, int size, int stride, int bottom, int top)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var model = VqVae2Autoencoder.Create(Tiny with { Channels = channels, ImageSize = size, BottomStride = stride });
        var images = rand(3, channels, size, size);

        var (reconstruction, commitment, topCodes, bottomCodes) = model.call(images);
        var decoded = model.DecodeCodes(topCodes, bottomCodes);

        Assert.Equal((bottom, top), (model.Options.BottomGrid, model.Options.TopGrid));
        Assert.Equal(new long[] { 3, channels, size, size }, reconstruction.shape);
        Assert.Equal(new long[] { 3, top, top }, topCodes.shape);
        Assert.Equal(new long[] { 3, bottom, bottom }, bottomCodes.shape);
        Assert.Equal(new long[] { 3, channels, size, size }, decoded.shape);
        Assert.Equal(0, commitment.dim());
        Assert.True(decoded.min().item<float>() >= 0 && decoded.max().item<float>() <= 1);
    }

    [Fact]
    public void Image_size_and_channels_choose_the_scales()
    {
        Assert.Equal((14, 7), Scales(VqVae2Options.Fashion28));
        Assert.Equal((16, 8), Scales(VqVae2Options.Rgb32));
        Assert.Equal((16, 8), Scales(VqVae2Options.Rgb64));
        Assert.Equal((16, 8), Scales(VqVae2Options.Fashion28.ForImage(3, 64)));
        Assert.Equal((16, 8), Scales(VqVae2Options.Fashion28.ForImage(3, 32)));

        static (int, int) Scales(VqVae2Options o) => (o.BottomGrid, o.TopGrid);
    }

    [Fact]
    public void Reconstruction_gradient_reaches_the_encoders_through_both_quantisers()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var model = VqVae2Autoencoder.Create(Tiny);
        var images = rand(2, 1, 28, 28);

        // Only the reconstruction loss: the encoders get a gradient solely through the straight-through estimator.
        var (reconstruction, _, _, _) = model.call(images);
        nn.functional.mse_loss(reconstruction, images).backward();

        Assert.True(GradientNorm(model.EncoderBottom) > 0, "bottom encoder got no gradient");
        Assert.True(GradientNorm(model.EncoderTop) > 0, "top encoder got no gradient");
        Assert.True(GradientNorm(model.QuantizeConvTop) > 0, "top pre-quantisation conv got no gradient");
    }

    [Fact]
    public void Codebooks_are_buffers_saved_with_the_weights_and_not_trained_by_the_optimiser()
    {
        using var model = VqVae2Autoencoder.Create(Tiny);
        var state = model.state_dict().Keys.ToHashSet();
        var parameters = model.named_parameters().Select(p => p.name).ToHashSet();

        foreach (var key in new[] { "quantizeTop.codebook", "quantizeTop.cluster_size", "quantizeTop.code_sum", "quantizeBottom.codebook" })
        {
            Assert.Contains(key, state);
            Assert.DoesNotContain(key, parameters);
        }
    }

    [Fact]
    public void Decoding_refuses_wrong_grid_shapes_and_out_of_range_codes()
    {
        using var scope = NewDisposeScope();
        using var model = VqVae2Autoencoder.Create(Tiny);
        var top = zeros(2, 7, 7, dtype: ScalarType.Int64);
        var bottom = zeros(2, 14, 14, dtype: ScalarType.Int64);

        var swapped = Assert.Throws<ArgumentException>(() => model.DecodeCodes(bottom, top));
        var batches = Assert.Throws<ArgumentException>(() => model.DecodeCodes(top, zeros(3, 14, 14, dtype: ScalarType.Int64)));
        var range = Assert.Throws<ArgumentException>(() => model.DecodeCodes(top, bottom + 16));
        var image = Assert.Throws<ArgumentException>(() => model.Encode(rand(2, 3, 28, 28)));

        Assert.Contains("top codes must be a (batch, 7, 7) grid", swapped.Message);
        Assert.Contains("[2, 14, 14]", swapped.Message);
        Assert.Contains("same batch size", batches.Message);
        Assert.Contains("bottom codes must lie in [0, 16)", range.Message);
        Assert.Contains("(batch, 1, 28, 28)", image.Message);
    }

    [Fact]
    public void Options_that_cannot_build_a_network_are_named()
    {
        var stride = Assert.Throws<ArgumentException>(() => VqVae2Autoencoder.Create(Tiny with { BottomStride = 3 }));
        var size = Assert.Throws<ArgumentException>(() => VqVae2Autoencoder.Create(Tiny with { ImageSize = 30, BottomStride = 4 }));

        Assert.Contains("BottomStride", stride.Message);
        Assert.Contains("ImageSize", size.Message);
    }

    private static double GradientNorm(TorchSharp.torch.nn.Module module) =>
        module.parameters().Sum(p => p.grad is null ? 0 : p.grad.norm().item<float>());
}
