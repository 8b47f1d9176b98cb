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
        using var cached = CommittedPixelModel(batch, banded: false);
        using var banded = CommittedPixelModel(batch, banded: true);
        long[] seeds = [0, 1, 2, 3, 4];
        long[] labels = [0, 3, 5, 7, 9];
        var sampling = new CategoricalSampling(temperature, TopK: 40);

        // When / Then
        Assert.True(cached.UsesStepGraphs);
        Assert.False(banded.UsesStepGraphs);
        Assert.Equal(banded.Sample(seeds, labels, default, sampling), cached.Sample(seeds, labels, default, sampling));
    }

    [Theory]
    [InlineData(3.0, 3)]
    [InlineData(2.0, 4)]
    public void Committed_pixel_model_draws_the_banded_grids_when_guided(double guidance, int batch)
    {
        // Given: the committed PixelCNN (trained with class dropout), five grids over two batches, the last one short.
        using var cached = CommittedPixelModel(batch, banded: false);
        using var banded = CommittedPixelModel(batch, banded: true);
        long[] seeds = [5, 6, 7, 8, 9];
        long[] labels = [1, 2, 4, 6, 8];
        var guided = new CategoricalSampling(Guidance: guidance);

        // When
        var expected = banded.Sample(seeds, labels, default, guided);

        // Then: the same levels on both samplers, and guidance changed them.
        Assert.Equal(expected, cached.Sample(seeds, labels, default, guided));
        Assert.NotEqual(banded.Sample(seeds, labels, default, guided with { Guidance = 1 }), expected);
    }

    [Fact]
    public void Guidance_takes_no_more_runs_than_the_class_conditional_model()
    {
        // Given: both samplers of the committed PixelCNN over one batch of three grids.
        using var cached = CommittedPixelModel(3, banded: false);
        using var banded = CommittedPixelModel(3, banded: true);
        long[] seeds = [0, 1, 2];
        long[] labels = [0, 4, 8];

        foreach (var sampler in new[] { cached, banded })
        {
            // When: sampled without and with guidance, counting ONNX Runtime's Runs.
            var plain = new SamplerProfile();
            var guided = new SamplerProfile();
            sampler.Sample(seeds, labels, default, new CategoricalSampling(), plain);
            sampler.Sample(seeds, labels, default, new CategoricalSampling(Guidance: 3), guided);

            // Then: the conditional and "no class" rows share every Run (one row Run per grid row with the step graphs,
            // one Run per position either way).
            Assert.Equal(plain.Runs, guided.Runs);
            Assert.Equal(plain.RowRuns, guided.RowRuns);
            Assert.Equal(sampler.UsesStepGraphs ? 28 + (28 * 28) : 28 * 28, guided.Runs);
        }
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

    // The committed pixel model through the step graphs, or through the band of exactly its receptive field.
    private static AutoregressiveOnnxSampler CommittedPixelModel(int batch, bool banded)
    {
        var path = CommittedExports.File("pixelcnn-fashion28", "pixelcnn.onnx");
        var runtime = OnnxRuntimeOptions.Default with { BatchSize = batch };
        return AutoregressiveOnnxSampler.Load(path, runtime, banded ? AutoregressiveModel.Load(path).ReceptiveFieldRows!.Value : null);
    }
}
