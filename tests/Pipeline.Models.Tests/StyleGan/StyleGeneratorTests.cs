using Pipeline.Models.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.StyleGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class StyleGeneratorTests
{
    public static TheoryData<string> Configurations => ["grey32", "rgb64"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Generator_has_the_documented_shapes(string configuration)
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(21);
        var options = Options(configuration);
        using var generator = new StyleGenerator(options);
        var z = randn(3, options.LatentSize);
        var labels = options.IsConditional ? tensor(new long[] { 0, 4, 9 }) : null;

        // When
        using var noGrad = no_grad();
        var w = generator.Mapping.call(z, labels);
        var ws = generator.Map(z, labels, 0.7);
        var image = generator.Generate(z, labels);

        // Then
        Assert.Equal([3, options.StyleSize], w.shape);
        Assert.Equal([3, options.StyleCount, options.StyleSize], ws.shape);
        Assert.Equal([3, options.Channels, options.ImageSize, options.ImageSize], image.shape);
        Assert.Equal([Math.Max(options.ClassCount, 1), options.StyleSize], generator.WAverage.shape);
        Assert.True(image.isfinite().all().item<bool>());
        Assert.True(generator.Synthesize(ws).std().item<float>() > 0);
    }

    [Fact]
    public void Truncation_zero_returns_the_label_s_centre_for_every_z()
    {
        // Given: a conditional generator whose class centres were set from random ws (β = 0 copies the batch mean).
        using var scope = NewDisposeScope();
        manual_seed(22);
        using var generator = new StyleGenerator(TinyStyleGan.Grey32);
        var centres = randn(10, 16);
        generator.TrackAverage(centres, arange(10, ScalarType.Int64), beta: 0);
        var labels = tensor(new long[] { 3, 3, 7, 0 });

        // When
        using var noGrad = no_grad();
        var ws = generator.Map(randn(4, 16), labels, truncation: 0);

        // Then: every z and every layer gives w_avg[label].
        Assert.True(generator.WAverage.allclose(centres));
        var expected = centres.index_select(0, labels).unsqueeze(1).expand(4, 8, 16);
        Assert.True(ws.allclose(expected, atol: 1e-6));
    }

    [Fact]
    public void Truncation_interpolates_between_the_centre_and_the_mapped_w()
    {
        using var scope = NewDisposeScope();
        manual_seed(23);
        using var generator = new StyleGenerator(TinyStyleGan.Rgb64);
        generator.TrackAverage(randn(5, 16), null, beta: 0);
        var z = randn(2, 16);

        using var noGrad = no_grad();
        var w = generator.Mapping.call(z, null);
        var ws = generator.Map(z, null, truncation: 0.5);

        var expected = generator.WAverage + (0.5 * (w - generator.WAverage));
        Assert.True(ws.select(1, 5).allclose(expected, atol: 1e-6));
    }

    [Fact]
    public void Tracking_the_average_moves_only_the_classes_in_the_batch()
    {
        // Given
        using var scope = NewDisposeScope();
        using var generator = new StyleGenerator(TinyStyleGan.Grey32);
        var w = tensor(new float[] { 2, 4, 6 }).unsqueeze(1).expand(3, 16);

        // When: two samples of class 1, one of class 3, β = 0.5.
        generator.TrackAverage(w, tensor(new long[] { 1, 1, 3 }), beta: 0.5);

        // Then: w̄₁ = 0.5·0 + 0.5·mean(2, 4) = 1.5, w̄₃ = 0.5·6 = 3, the others stay 0.
        var rows = generator.WAverage.select(1, 0);
        Assert.True(rows.allclose(tensor(new float[] { 0, 1.5f, 0, 3, 0, 0, 0, 0, 0, 0 })));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    public void Mix_takes_the_layers_below_the_crossover_from_the_first_ws(int crossover)
    {
        using var scope = NewDisposeScope();
        var wsA = zeros(2, 8, 4);
        var wsB = ones(2, 8, 4);

        var mixed = StyleGenerator.Mix(wsA, wsB, crossover);

        Assert.Equal([2, 8, 4], mixed.shape);
        Assert.True(mixed.narrow(1, 0, crossover).eq(0).all().item<bool>());
        Assert.True(mixed.narrow(1, crossover, 8 - crossover).eq(1).all().item<bool>());
    }

    [Fact]
    public void Mix_refuses_a_crossover_outside_the_layers_and_mismatched_ws()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentOutOfRangeException>(() => StyleGenerator.Mix(zeros(1, 8, 4), ones(1, 8, 4), 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => StyleGenerator.Mix(zeros(1, 8, 4), ones(1, 8, 4), -1));
        var error = Assert.Throws<ArgumentException>(() => StyleGenerator.Mix(zeros(1, 8, 4), ones(1, 10, 4), 2));
        Assert.Contains("(1, 10, 4)", error.Message);
    }

    [Fact]
    public void Mixed_styles_change_the_image_only_through_the_layers_taken_from_the_second_ws()
    {
        // Given: two ws and the synthesis in Fixed noise.
        using var scope = NewDisposeScope();
        manual_seed(24);
        using var generator = new StyleGenerator(TinyStyleGan.Rgb64);
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        using var noGrad = no_grad();
        var wsA = generator.Map(randn(1, 16), null);
        var wsB = generator.Map(randn(1, 16), null);

        // When / Then: crossover L is image A, crossover 0 is image B, in between is neither.
        var imageA = generator.Synthesize(wsA);
        var imageB = generator.Synthesize(wsB);
        Assert.True(generator.Synthesize(StyleGenerator.Mix(wsA, wsB, 10)).allclose(imageA));
        Assert.True(generator.Synthesize(StyleGenerator.Mix(wsA, wsB, 0)).allclose(imageB));
        var mixed = generator.Synthesize(StyleGenerator.Mix(wsA, wsB, 4));
        Assert.False(mixed.allclose(imageA, atol: 1e-4));
        Assert.False(mixed.allclose(imageB, atol: 1e-4));
    }

    [Fact]
    public void Conditional_mapping_depends_on_the_label_and_refuses_a_missing_one()
    {
        using var scope = NewDisposeScope();
        manual_seed(25);
        using var generator = new StyleGenerator(TinyStyleGan.Grey32);
        var z = randn(1, 16).expand(2, 16);

        using var noGrad = no_grad();
        var w = generator.Mapping.call(z, tensor(new long[] { 2, 5 }));

        Assert.False(w[0].allclose(w[1], atol: 1e-4));
        Assert.Throws<ArgumentNullException>(() => generator.Generate(z, null));
    }

    [Fact]
    public void Synthesis_refuses_ws_of_the_wrong_shape_naming_the_expected_one()
    {
        using var scope = NewDisposeScope();
        using var generator = new StyleGenerator(TinyStyleGan.Grey32);

        var error = Assert.Throws<ArgumentException>(() => generator.Synthesize(zeros(2, 7, 16)));

        Assert.Contains("(batch, 8, 16)", error.Message);
        Assert.Contains("(2, 7, 16)", error.Message);
    }

    private static StyleGanOptions Options(string configuration) => configuration == "grey32" ? TinyStyleGan.Grey32 : TinyStyleGan.Rgb64;
}
