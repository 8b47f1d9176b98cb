using Pipeline.Models.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.StyleGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class StyleDiscriminatorTests
{
    [Theory]
    [InlineData("grey32")]
    [InlineData("rgb64")]
    public void Discriminator_gives_one_logit_per_image(string configuration)
    {
        using var scope = NewDisposeScope();
        manual_seed(41);
        var options = configuration == "grey32" ? TinyStyleGan.Grey32 : TinyStyleGan.Rgb64;
        using var discriminator = new StyleDiscriminator(options);
        var images = rand(6, options.Channels, options.ImageSize, options.ImageSize) * 2 - 1;
        var labels = options.IsConditional ? tensor(new long[] { 0, 1, 2, 3, 4, 5 }) : null;

        var logits = discriminator.call(images, labels);

        Assert.Equal([6], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        logits.sum().backward();
        Assert.All(discriminator.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Projection_makes_the_logit_depend_on_the_label()
    {
        // Given: the same images scored under two different labels.
        using var scope = NewDisposeScope();
        manual_seed(42);
        using var discriminator = new StyleDiscriminator(TinyStyleGan.Grey32);
        var images = (rand(1, 1, 32, 32) * 2 - 1).expand(4, 1, 32, 32);

        // When
        using var noGrad = no_grad();
        var logits = discriminator.call(images, tensor(new long[] { 0, 0, 3, 7 }));

        // Then: same label, same logit; different labels, different logits.
        Assert.Equal(logits[0].item<float>(), logits[1].item<float>(), 5);
        Assert.NotEqual(logits[0].item<float>(), logits[2].item<float>(), 3);
        Assert.NotEqual(logits[2].item<float>(), logits[3].item<float>(), 3);
    }

    [Fact]
    public void Unconditional_discriminator_ignores_labels()
    {
        using var scope = NewDisposeScope();
        manual_seed(43);
        using var discriminator = new StyleDiscriminator(TinyStyleGan.Rgb64);
        var images = rand(2, 3, 64, 64);

        using var noGrad = no_grad();
        var logits = discriminator.call(images, null);

        Assert.True(logits.allclose(discriminator.call(images, tensor(new long[] { 4, 1 }))));
    }
}
