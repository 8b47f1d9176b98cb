using Pipeline.Models.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.StyleGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class SynthesisNoiseTests
{
    [Fact]
    public void Fixed_noise_gives_identical_images_for_identical_ws_and_random_noise_does_not()
    {
        // Given: a synthesis whose noise strengths are non-zero (they start at 0, which would hide the noise).
        using var scope = NewDisposeScope();
        manual_seed(31);
        using var synthesis = new SynthesisNetwork(TinyStyleGan.Grey32);
        using var noGrad = no_grad();
        foreach (var layer in synthesis.Layers)
        {
            layer.NoiseStrength.fill_(0.5);
        }

        var ws = randn(2, 8, 16);

        // When
        synthesis.NoiseMode = NoiseMode.Fixed;
        var fixed1 = synthesis.call(ws);
        var fixed2 = synthesis.call(ws);
        synthesis.NoiseMode = NoiseMode.Random;
        var random1 = synthesis.call(ws);
        var random2 = synthesis.call(ws);
        synthesis.NoiseMode = NoiseMode.None;
        var none = synthesis.call(ws);

        // Then
        Assert.True(fixed1.eq(fixed2).all().item<bool>());
        Assert.False(random1.allclose(random2, atol: 1e-4));
        Assert.False(none.allclose(fixed1, atol: 1e-4));
        Assert.All(synthesis.Layers, layer => Assert.Equal(NoiseMode.None, layer.NoiseMode));
    }

    [Fact]
    public void Untrained_noise_strengths_are_zero_so_every_mode_gives_the_same_image()
    {
        using var scope = NewDisposeScope();
        manual_seed(32);
        using var synthesis = new SynthesisNetwork(TinyStyleGan.Grey32);
        using var noGrad = no_grad();
        var ws = randn(2, 8, 16);

        var random = synthesis.call(ws);
        synthesis.NoiseMode = NoiseMode.None;

        Assert.True(synthesis.call(ws).allclose(random));
    }

    [Fact]
    public void Fixed_noise_is_saved_with_the_weights()
    {
        // Given
        using var scope = NewDisposeScope();
        manual_seed(33);
        using var synthesis = new SynthesisNetwork(TinyStyleGan.Grey32);
        var path = Path.GetTempFileName();

        try
        {
            // When
            synthesis.save(path);
            using var loaded = new SynthesisNetwork(TinyStyleGan.Grey32);
            loaded.load(path);

            // Then
            var names = synthesis.named_buffers().Select(b => b.name).ToList();
            Assert.Contains("blocks.0.conv1.noise_const", names);
            Assert.Contains("blocks.3.conv0.noise_const", names);
            Assert.True(loaded.Layers.Zip(synthesis.Layers).All(pair => pair.First.NoiseConst.eq(pair.Second.NoiseConst).all().item<bool>()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
