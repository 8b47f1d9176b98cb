using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.PixelCnn;

public sealed class PixelCnnSamplingTests
{
    private static readonly PixelCnnOptions Tiny = new(Height: 5, Width: 3, Levels: 16, Channels: 8, Layers: 3, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 2);

    [Fact]
    public void The_same_seed_gives_the_same_grid_alone_or_in_a_batch()
    {
        // Given
        random.manual_seed(1);
        using var net = new Models.PixelCnn.PixelCnn(Tiny);
        var sampling = new CategoricalSampling();

        // When: seed 7 drawn together with two others, and alone.
        using var batch = PixelCnnSampler.Sample(net, [5, 7, 9], tensor(new long[] { 0, 1, 1 }), null, sampling, CPU);
        using var alone = PixelCnnSampler.Sample(net, [7], tensor(new long[] { 1 }), null, sampling, CPU);

        // Then
        Assert.True(Same(batch[1], alone[0]));
        Assert.False(Same(batch[0], batch[2]), "different seeds should give different grids");
        Assert.Equal(new long[] { 3, 5, 3 }, batch.shape);
        Assert.InRange(batch.min().item<long>(), 0, 15);
        Assert.InRange(batch.max().item<long>(), 0, 15);
    }

    [Fact]
    public void Every_drawn_level_is_the_draw_from_the_logits_given_the_levels_before_it()
    {
        // Given: a conditioned code prior, sampled greedily (temperature 0: the most likely level at each position).
        random.manual_seed(2);
        var options = PixelCnnOptions.ConditionedCodePrior(8, 6, 4, 4, 3, 2, classCount: 0) with { Channels = 8, Layers = 2, FirstKernelSize = 3, OutputChannels = 8 };
        using var net = new Models.PixelCnn.PixelCnn(options);
        using var condition = randint(4, [2, 3, 2], dtype: ScalarType.Int64);

        using var grid = PixelCnnSampler.Sample(net, [1, 2], null, condition, new CategoricalSampling(Temperature: 0), CPU);

        // Then: one full forward over the finished grid has its argmax equal to the grid everywhere (causality: the
        // logits at a position saw exactly the levels the sampler had drawn before it).
        using var noGrad = no_grad();
        using var argmax = net.call(grid, null, condition).argmax(1);
        Assert.True(Same(argmax, grid));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void The_cache_draws_the_banded_grids(double guidance)
    {
        // Given: a class-conditional code prior over 7×5 given 4×3 codes (first kernel 5, trained class biases stood in
        // by random ones), and a pixel model with intensities.
        random.manual_seed(4);
        var prior = PixelCnnOptions.ConditionedCodePrior(16, 7, 5, 6, 4, 3, classCount: 3) with
        {
            Channels = 8, Layers = 3, FirstKernelSize = 5, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 4, UnconditionalLabel = true,
        };
        using var net = new Models.PixelCnn.PixelCnn(prior);
        using (no_grad())
        {
            foreach (var layer in net.Layers)
            {
                layer.ClassVertical!.weight!.normal_();
                layer.ClassHorizontal!.weight!.normal_();
            }
        }

        using var pixels = new Models.PixelCnn.PixelCnn(Tiny);
        using var labels = tensor(new long[] { 0, 2, 1, 3 });
        using var condition = randint(6, [4, 4, 3], dtype: ScalarType.Int64);
        var sampling = new CategoricalSampling(Temperature: 0.9, Guidance: guidance);
        long[] seeds = [1, 2, 3, 4];

        // When
        using var cached = PixelCnnSampler.Sample(net, seeds, labels, condition, sampling, CPU);
        using var banded = PixelCnnSampler.SampleBanded(net, seeds, labels, condition, sampling, CPU);
        using var cachedPixels = PixelCnnSampler.Sample(pixels, [5, 6], tensor(new long[] { 0, 1 }), null, new CategoricalSampling(), CPU);
        using var bandedPixels = PixelCnnSampler.SampleBanded(pixels, [5, 6], tensor(new long[] { 0, 1 }), null, new CategoricalSampling(), CPU);

        // Then
        Assert.True(Same(cached, banded));
        Assert.True(Same(cachedPixels, bandedPixels));
    }

    [Fact]
    public void Labels_cycle_through_the_classes_or_repeat_the_requested_ones()
    {
        random.manual_seed(3);
        using var net = new Models.PixelCnn.PixelCnn(Tiny);

        Assert.Equal([0L, 1, 0, 1, 0], PixelCnnSampler.Labels(net, 5, null)!);
        Assert.Equal([1L, 1, 1], PixelCnnSampler.Labels(net, 3, [1])!);
        Assert.Throws<ArgumentOutOfRangeException>(() => PixelCnnSampler.Labels(net, 3, [2]));
    }

    internal static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
