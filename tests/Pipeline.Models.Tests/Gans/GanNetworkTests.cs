using Pipeline.Models.Classifiers;
using Pipeline.Models.Gans;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Gans;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class GanNetworkTests
{
    [Fact]
    public void Auxiliary_classifier_adds_class_logits_without_changing_the_score()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var discriminator = new ProjectionDiscriminator(GanOptions.ConditionalFashion28 with { DiscriminatorWidth = 8, AuxiliaryClassifier = true });
        discriminator.eval();
        var images = rand(4, 1, 28, 28) * 2 - 1;
        var labels = tensor(new long[] { 0, 3, 7, 9 });

        var (logits, classLogits) = discriminator.ScoreAndClassify(images, labels);

        Assert.Equal(new long[] { 4 }, logits.shape);
        Assert.Equal(new long[] { 4, 10 }, classLogits!.shape);
        Assert.True(logits.allclose(discriminator.call(images, labels)));
        using var plain = new ProjectionDiscriminator(GanOptions.ConditionalFashion28 with { DiscriminatorWidth = 8 });
        Assert.Null(plain.ScoreAndClassify(images, labels).ClassLogits);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(3, 14)]
    public void Channels_last_trunk_gives_the_logits_and_gradients_of_the_NCHW_trunk(int channels, int? attention)
    {
        // Given: one discriminator in training mode (spectral norm iterating), the same images and labels.
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var discriminator = new ProjectionDiscriminator(new GanOptions(channels, 28, 10, DiscriminatorWidth: 8, AttentionResolution: attention, AuxiliaryClassifier: true));
        var images = rand(6, channels, 28, 28) * 2 - 1;
        var labels = tensor(new long[] { 0, 1, 2, 3, 4, 5 });

        // When: a pass and backward in each memory order (the power iteration's u moves a little between them,
        // so the second order runs on a copy of the state the first one started from).
        var results = new List<(Tensor Logits, Tensor Gradient)>();
        var u = discriminator.buffers().Select(b => b.clone()).ToList();
        foreach (var channelsLast in new[] { false, true })
        {
            using (no_grad())
            {
                foreach (var (buffer, start) in discriminator.buffers().Zip(u))
                {
                    buffer.copy_(start);
                }
            }

            discriminator.ChannelsLast = channelsLast;
            discriminator.zero_grad();
            var (logits, classLogits) = discriminator.ScoreAndClassify(images, labels);
            (logits.sum() + classLogits!.square().sum()).backward();
            results.Add((logits.detach(), discriminator.parameters().First().grad!.clone()));
        }

        // Then
        Assert.True(results[0].Logits.allclose(results[1].Logits, rtol: 1e-4, atol: 1e-5));
        Assert.True(results[0].Gradient.allclose(results[1].Gradient, rtol: 1e-3, atol: 1e-5));
    }

    [Theory]
    [InlineData(28, 1, 10, null)]
    [InlineData(32, 3, 10, 16)]
    [InlineData(64, 3, 0, 32)]
    [InlineData(64, 1, 5, null)]
    public void Generator_and_discriminator_have_the_documented_shapes(int size, int channels, int classes, int? attention)
    {
        // Given
        using var scope = NewDisposeScope();
        var options = new GanOptions(channels, size, classes, LatentSize: 16, GeneratorWidth: 8, DiscriminatorWidth: 8, AttentionResolution: attention);
        using var generator = new DcganGenerator(options);
        using var discriminator = new ProjectionDiscriminator(options);
        var labels = tensor(new long[] { 0, Math.Max(classes - 1, 0), 0 });

        // When
        var images = generator.call(randn(3, 16), labels);
        var logits = discriminator.call(images, labels);

        // Then
        Assert.Equal(new long[] { 3, channels, size, size }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal(new long[] { 3 }, logits.shape);
        Assert.Equal(attention is not null, generator.Attention is not null);
        Assert.Equal(classes > 0, discriminator.Embed is not null);
    }

    [Fact]
    public void Projection_term_makes_the_logit_depend_on_the_label()
    {
        using var scope = NewDisposeScope();
        using var discriminator = new ProjectionDiscriminator(new GanOptions(DiscriminatorWidth: 8));
        discriminator.eval();
        var image = randn(1, 1, 28, 28).expand(2, 1, 28, 28);

        using var noGrad = no_grad();
        var logits = discriminator.call(image, tensor(new long[] { 0, 1 }));
        var phi = discriminator.Features(image[..1]);
        var expected = discriminator.Embed!.weight![0].dot(phi[0]) - discriminator.Embed.weight[1].dot(phi[0]);

        Assert.Equal(expected.item<float>(), (logits[0] - logits[1]).item<float>(), 1e-3);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(36)]
    public void Rejects_an_image_size_that_does_not_halve_to_a_small_base(int size)
    {
        var options = new GanOptions(ImageSize: size);

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Classifier_gives_logits_and_128_features()
    {
        using var scope = NewDisposeScope();
        using var classifier = new ImageClassifier(1, 28, 10);
        var x = rand(5, 1, 28, 28);

        Assert.Equal(new long[] { 5, 10 }, classifier.call(x).shape);
        Assert.Equal(new long[] { 5, ImageClassifier.FeatureSize }, classifier.Features(x).shape);
    }
}
