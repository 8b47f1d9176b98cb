using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Translation;

public sealed class ImageQualityTests
{
    [Fact]
    public void A_uniform_error_of_one_tenth_gives_20_dB_and_L1_one_tenth()
    {
        using var scope = NewDisposeScope();
        var truth = full(new long[] { 2, 1, 16, 16 }, 0.5f);
        var output = truth + 0.1f;

        Assert.Equal(20.0, ImageQuality.Psnr(output, truth), precision: 3);
        Assert.Equal(0.1, ImageQuality.L1(output, truth), precision: 5);
    }

    [Fact]
    public void Ssim_is_one_for_identical_images_and_lower_for_noise()
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(3);
        var truth = rand(new long[] { 2, 1, 28, 28 }, generator: generator);
        var noisy = (truth + (0.3 * randn(new long[] { 2, 1, 28, 28 }, generator: generator))).clamp(0, 1);

        Assert.Equal(1.0, ImageQuality.Ssim(truth, truth), precision: 4);
        Assert.InRange(ImageQuality.Ssim(noisy, truth), 0.0, 0.8);
    }

    [Fact]
    public void Bicubic_upsampling_keeps_a_constant_image_and_scales_the_size()
    {
        using var scope = NewDisposeScope();
        var low = full(new long[] { 1, 1, 7, 7 }, 0.25f);

        var high = ImageQuality.Bicubic(low, 4);

        Assert.Equal(new long[] { 1, 1, 28, 28 }, high.shape);
        Assert.True(high.allclose(full(new long[] { 1, 1, 28, 28 }, 0.25f), atol: 1e-6));
    }
}
