using Pipeline.Models.StyleGan;

namespace Pipeline.Models.Tests.StyleGan;

public sealed class StyleGanOptionsTests
{
    [Fact]
    public void Presets_are_valid_and_count_two_styles_per_resolution()
    {
        foreach (var preset in new[] { StyleGanOptions.Fashion32, StyleGanOptions.Rgb32, StyleGanOptions.Rgb64 })
        {
            preset.Validate();
        }

        Assert.Equal(10, StyleGanOptions.Fashion32.ClassCount);
        Assert.Equal(1, StyleGanOptions.Fashion32.Channels);
        Assert.Equal(8, StyleGanOptions.Fashion32.StyleCount);   // 4, 8, 16, 32
        Assert.Equal(10, StyleGanOptions.Rgb64.StyleCount);      // 4 ... 64
        Assert.False(StyleGanOptions.Rgb32.IsConditional);
    }

    [Fact]
    public void Widths_halve_per_doubling_above_8x8_down_to_the_minimum()
    {
        var options = new StyleGanOptions(ImageSize: 128, MaxWidth: 256, MinWidth: 64);

        Assert.Equal([256, 256, 128, 64, 64, 64], options.Resolutions.Select(options.WidthAt));
    }

    [Theory]
    [InlineData(nameof(StyleGanOptions.ImageSize))]
    [InlineData(nameof(StyleGanOptions.Channels))]
    [InlineData(nameof(StyleGanOptions.MappingLayers))]
    [InlineData(nameof(StyleGanOptions.MaxWidth))]
    [InlineData(nameof(StyleGanOptions.MappingLearningRateMultiplier))]
    [InlineData(nameof(StyleGanOptions.ClassCount))]
    public void Invalid_options_are_refused_with_a_message_naming_the_option(string option)
    {
        // Given: the default options with one value out of range.
        var options = option switch
        {
            nameof(StyleGanOptions.ImageSize) => new StyleGanOptions(ImageSize: 48),
            nameof(StyleGanOptions.Channels) => new StyleGanOptions(Channels: 2),
            nameof(StyleGanOptions.MappingLayers) => new StyleGanOptions(MappingLayers: 0),
            nameof(StyleGanOptions.MaxWidth) => new StyleGanOptions(MaxWidth: 32, MinWidth: 64),
            nameof(StyleGanOptions.MappingLearningRateMultiplier) => new StyleGanOptions(MappingLearningRateMultiplier: 0),
            _ => new StyleGanOptions(ClassCount: -1),
        };

        // When
        var error = Assert.Throws<ArgumentException>(options.Validate);

        // Then
        Assert.Equal(option, error.ParamName);
        Assert.Contains($"StyleGAN option {option} must be", error.Message);
    }

    [Fact]
    public void Networks_validate_their_options_before_building()
    {
        var error = Assert.Throws<ArgumentException>(() => new StyleGenerator(new StyleGanOptions(ImageSize: 4)));

        Assert.Equal(nameof(StyleGanOptions.ImageSize), error.ParamName);
    }
}
