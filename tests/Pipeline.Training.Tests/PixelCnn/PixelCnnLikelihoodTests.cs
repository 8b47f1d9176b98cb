using Pipeline.Data;
using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.PixelCnn;

public sealed class PixelCnnLikelihoodTests
{
    [Fact]
    public void A_model_with_uniform_outputs_costs_exactly_eight_bits_per_pixel()
    {
        // Given: all-zero head weights, so every position's softmax is uniform over 256 levels.
        random.manual_seed(4);
        using var net = new Models.PixelCnn.PixelCnn(new PixelCnnOptions(Height: 28, Width: 28, Channels: 4, Layers: 2, OutputChannels: 4, ClassCount: 10));
        using (no_grad())
        {
            net.OutputLogits.weight!.zero_();
            net.OutputLogits.bias!.zero_();
        }

        // When
        var evaluation = PixelCnnEvaluator.Evaluate(net, SmallData.TestImages(30), CPU, batchSize: 7);

        // Then: −log p = 784 · ln 256 nats per image = 8 bits per dimension, over all 30 images (batches of 7 and a last of 2).
        Assert.Equal(30, evaluation.Grids);
        Assert.Equal(784 * Math.Log(256), evaluation.NatsPerGrid, 3);
        Assert.Equal(8.0, evaluation.BitsPerDimension, 5);
    }

    [Fact]
    public void Levels_round_trip_eight_bit_images()
    {
        using var scope = NewDisposeScope();
        var levels = arange(256, ScalarType.Int64).reshape(1, 16, 16);

        var images = PixelCnnLikelihood.ToImages(levels, 256);

        Assert.True(PixelCnnSamplingTests.Same(PixelCnnLikelihood.ToLevels(images, 256), levels));
        Assert.Throws<ArgumentException>(() => PixelCnnLikelihood.ToLevels(zeros(1, 3, 4, 4), 256));
    }
}
