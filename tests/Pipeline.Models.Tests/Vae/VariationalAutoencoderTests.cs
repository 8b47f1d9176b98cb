using Pipeline.Models.Vae;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Vae;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class VariationalAutoencoderTests
{
    [Theory]
    [InlineData("lecture", 1, 28, 20)]
    [InlineData("conv28", 1, 28, 32)]
    [InlineData("conv-rgb64", 3, 64, 64)]
    public void Forward_pass_keeps_image_shape_and_latent_size(string preset, int channels, int size, int latent)
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var vae = VariationalAutoencoder.Create(Preset(preset));
        var images = rand(3, channels, size, size);

        // When
        var (logits, mean, logVar, z) = vae.call(images);

        // Then
        Assert.Equal(new long[] { 3, channels, size, size }, logits.shape);
        Assert.Equal(new long[] { 3, latent }, mean.shape);
        Assert.Equal(new long[] { 3, latent }, logVar.shape);
        Assert.Equal(new long[] { 3, latent }, z.shape);
    }

    [Fact]
    public void Lecture_vae_has_the_784_400_20_layers()
    {
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);

        var shapes = vae.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

        Assert.Equal(new long[] { 400, 784 }, shapes["encoder.trunk.hidden.weight"]);
        Assert.Equal(new long[] { 20, 400 }, shapes["encoder.mean.weight"]);
        Assert.Equal(new long[] { 20, 400 }, shapes["encoder.logVar.weight"]);
        Assert.Equal(new long[] { 400, 20 }, shapes["decoder.hidden.weight"]);
        Assert.Equal(new long[] { 784, 400 }, shapes["decoder.output.weight"]);
        var total = vae.parameters().Sum(p => p.numel());
        Assert.Equal((784 * 400) + 400 + (2 * ((400 * 20) + 20)) + (20 * 400) + 400 + (400 * 784) + 784, total);
    }

    [Fact]
    public void Decoded_images_are_in_the_unit_interval()
    {
        using var scope = NewDisposeScope();
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);

        var images = vae.Decode(randn(5, 20) * 10);

        Assert.Equal(new long[] { 5, 1, 28, 28 }, images.shape);
        Assert.True(images.min().item<float>() >= 0f);
        Assert.True(images.max().item<float>() <= 1f);
    }

    [Fact]
    public void Importance_weighted_bound_is_at_least_the_elbo_on_average()
    {
        // Given: Burda et al.'s bound with k samples is never looser than the ELBO in expectation.
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        var images = rand(16, 1, 28, 28);

        // When
        using var noGrad = no_grad();
        var (reconstruction, kl) = vae.NegativeElboTerms(images);
        var elbo = -(reconstruction + kl).mean().item<float>();
        var iwae = vae.ImportanceWeightedLogLikelihood(images, 50).mean().item<float>();

        // Then
        Assert.True(iwae >= elbo - 0.5, $"IWAE {iwae} should not be below the ELBO {elbo}");
    }

    [Fact]
    public void Rejects_options_that_cannot_build_a_network()
    {
        var error = Assert.Throws<ArgumentException>(() => VariationalAutoencoder.Create(VaeOptions.Convolutional28 with { ImageSize = 30 }));

        Assert.Contains("ImageSize", error.Message);
        Assert.Contains("30", error.Message);
    }

    private static VaeOptions Preset(string name) => name switch
    {
        "lecture" => VaeOptions.Lecture,
        "conv28" => VaeOptions.Convolutional28,
        "conv-rgb64" => VaeOptions.ConvolutionalRgb64,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
