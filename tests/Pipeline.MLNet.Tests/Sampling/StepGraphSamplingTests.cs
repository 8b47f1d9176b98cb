using Pipeline.MLNet.Sampling;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Tests.Sampling;

/// <summary>
/// Cached sampling through the step graphs rewritten from the committed exports draws the grids the banded whole-graph
/// sampler draws for the same seeds, classes and settings, so the published samples stay reproducible.
/// </summary>
public sealed class StepGraphSamplingTests
{
    public static TheoryData<double, int> Guidance => new()
    {
        { 1.0, 3 },
        { 2.0, 4 },
    };

    [Theory]
    [InlineData(1.0, 3)]
    [InlineData(0.8, 4)]
    public void Committed_pixel_model_draws_the_banded_grids(double temperature, int batch)
    {
        // Given: the committed 28×28 PixelCNN, opened for the step graphs and for the band of its receptive field.
        var path = CommittedExports.File("pixelcnn-fashion28", "pixelcnn.onnx");
        using var cached = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = batch });
        using var banded = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = batch }, rowsAbove: 8);
        long[] seeds = [0, 1, 2, 3, 4];
        long[] labels = [0, 3, 5, 7, 9];
        var sampling = new CategoricalSampling(temperature, TopK: 40);

        // When / Then
        Assert.True(cached.UsesStepGraphs);
        Assert.False(banded.UsesStepGraphs);
        Assert.Equal(banded.Sample(seeds, labels, default, sampling), cached.Sample(seeds, labels, default, sampling));
    }

    [Theory]
    [MemberData(nameof(Guidance))]
    public void Committed_vqvae2_priors_draw_the_banded_grids(double guidance, int batch)
    {
        // Given: both committed priors, the bottom one conditioned on the top grids the banded sampler drew.
        var runtime = OnnxRuntimeOptions.Default with { BatchSize = batch };
        long[] seeds = Enumerable.Range(0, 10).Select(s => (long)s).ToArray();
        long[] labels = Enumerable.Range(0, 10).Select(s => (long)(s % 10)).ToArray();
        var sampling = new CategoricalSampling(Guidance: guidance);
        using var topCached = AutoregressiveOnnxSampler.Load(CommittedExports.File("vqvae2-fashion28", "top-prior.onnx"), runtime);
        using var topBanded = AutoregressiveOnnxSampler.Load(CommittedExports.File("vqvae2-fashion28", "top-prior.onnx"), runtime, rowsAbove: 10);
        using var bottomCached = AutoregressiveOnnxSampler.Load(CommittedExports.File("vqvae2-fashion28", "bottom-prior.onnx"), runtime);
        using var bottomBanded = AutoregressiveOnnxSampler.Load(CommittedExports.File("vqvae2-fashion28", "bottom-prior.onnx"), runtime, rowsAbove: 8);

        // When
        var top = topBanded.Sample(seeds, labels, default, sampling);
        var bottom = bottomBanded.Sample(seeds, labels, top, sampling);

        // Then
        Assert.True(topCached.UsesStepGraphs && bottomCached.UsesStepGraphs);
        Assert.Equal(top, topCached.Sample(seeds, labels, default, sampling));
        Assert.Equal(bottom, bottomCached.Sample(seeds, labels, top, sampling));
    }
}
