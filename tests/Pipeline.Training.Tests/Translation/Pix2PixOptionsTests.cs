using System.Text.Json;
using Pipeline.Models.Translation;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;

namespace Pipeline.Training.Tests.Translation;

public sealed class Pix2PixOptionsTests
{
    [Fact]
    public void A_config_saved_before_the_upsampling_and_norm_options_loads_as_the_published_UNet()
    {
        // Given: pix2pix options as runs wrote them before the two U-Net options existed.
        const string json = """
            { "inputChannels": 1, "outputChannels": 1, "imageSize": 32, "generatorWidth": 32, "discriminatorWidth": 32,
              "l1Weight": 100, "dropout": 0.5, "adversarial": true }
            """;

        // When
        var options = JsonSerializer.Deserialize<Pix2PixOptions>(json, RunFolder.Json)!;

        // Then
        Assert.Equal(UNetUpsampling.TransposedConvolution, options.Upsampling);
        Assert.Equal(1, options.InnerLevelsWithoutNorm);
        Assert.Equal(new Pix2PixOptions(Upsampling: UNetUpsampling.TransposedConvolution, InnerLevelsWithoutNorm: 1), options);
    }

    [Fact]
    public void New_options_default_to_resize_convolutions_and_round_trip()
    {
        // Given
        var options = new Pix2PixOptions(L1Weight: 50, InnerLevelsWithoutNorm: 2);

        // When
        var json = JsonSerializer.Serialize(options, RunFolder.Json);
        var read = JsonSerializer.Deserialize<Pix2PixOptions>(json, RunFolder.Json)!;

        // Then
        Assert.Equal((UNetUpsampling.NearestConvolution, 1), (new Pix2PixOptions().Upsampling, new Pix2PixOptions().InnerLevelsWithoutNorm));
        Assert.Contains("\"upsampling\": \"NearestConvolution\"", json);
        Assert.Equal(options, read);
    }
}
