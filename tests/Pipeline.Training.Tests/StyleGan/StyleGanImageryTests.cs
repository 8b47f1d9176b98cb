using Pipeline.Models.StyleGan;
using Pipeline.Training.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.StyleGan;

/// <summary>The pictures of a StyleGAN2, on an untrained generator with fixed noise (what they show does not need training).</summary>
public sealed class StyleGanImageryTests
{
    private static StyleGenerator NewGenerator()
    {
        random.manual_seed(5);
        var generator = new StyleGenerator(TinyStyleGanRun.Model);
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        using (no_grad())
        {
            generator.WAverage.normal_();   // distinct class centres, as after training
        }

        return generator;
    }

    [Fact]
    public void The_truncation_sweep_ends_in_the_class_mean_whatever_the_latent()
    {
        // Given
        using var generator = NewGenerator();
        var perImage = 32 * 32;

        // When: three latents of class 3, and three of classes 3, 4, 5.
        var sameClass = StyleGanImagery.TruncationSweep(generator, rows: 3, labels: [3], seed: 1, CPU);
        var classes = StyleGanImagery.TruncationSweep(generator, rows: 3, labels: [3, 4, 5], seed: 1, CPU);

        // Then: ψ = 0 (column 4) draws w̄ of the class: one image per class; ψ = 1 (column 0) one per latent.
        float[] Cell(float[] pixels, int row, int column) => pixels.AsSpan(((row * 5) + column) * perImage, perImage).ToArray();
        Assert.Equal(Cell(sameClass, 0, 4), Cell(sameClass, 1, 4));
        Assert.Equal(Cell(sameClass, 0, 4), Cell(sameClass, 2, 4));
        Assert.NotEqual(Cell(sameClass, 0, 0), Cell(sameClass, 1, 0));
        Assert.NotEqual(Cell(classes, 0, 4), Cell(classes, 1, 4));
        Assert.Equal(Cell(sameClass, 0, 4), Cell(classes, 0, 4));
    }

    [Fact]
    public void The_mixing_grid_has_sources_a_across_sources_b_down_and_one_row_per_source_b()
    {
        // Given
        using var generator = NewGenerator();

        // When: 4 sources A, 2 sources B per band; 32×32 has three bands.
        var grid = StyleGanImagery.Mix(generator, across: 4, down: 2, truncation: 1, seed: 2, CPU);

        // Then
        Assert.Equal(5, grid.Columns);
        Assert.Equal(["sources A", "coarse (4–8) from B", "coarse (4–8) from B", "middle (16) from B", "middle (16) from B", "fine (32) from B", "fine (32) from B"], grid.RowLabels);
        Assert.Equal(7 * 5 * 32 * 32, grid.Pixels.Length);
        Assert.All(grid.Pixels.AsSpan(0, 32 * 32).ToArray(), p => Assert.Equal(0f, p));      // the blank corner, as the background
        Assert.All(grid.Pixels, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Copying_a_band_takes_exactly_its_layers_from_b()
    {
        using var scope = NewDisposeScope();
        var (a, b) = (zeros(2, 8, 3), ones(2, 8, 3));

        var mixed = StyleMixing.CopyBand(a, b, new StyleBand("middle", "16", 3, 5));

        Assert.Equal([0f, 0, 0, 1, 1, 0, 0, 0], mixed[0, .., 0].data<float>().ToArray());
        Assert.Equal(new long[] { 2, 8, 3 }, mixed.shape);
    }

    [Fact]
    public void A_walk_in_w_starts_and_ends_at_its_two_endpoints_images()
    {
        // Given
        using var generator = NewGenerator();

        // When: two rows of 2 steps (just the endpoints) and of 5 steps, same seed.
        var ends = StyleGanImagery.InterpolateW(generator, rows: 2, steps: 2, truncation: 1, seed: 4, CPU);
        var walk = StyleGanImagery.InterpolateW(generator, rows: 2, steps: 5, truncation: 1, seed: 4, CPU);

        // Then
        var n = 32 * 32;
        Assert.Equal(ends.AsSpan(0, n).ToArray(), walk.AsSpan(0, n).ToArray());
        Assert.Equal(ends.AsSpan(n, n).ToArray(), walk.AsSpan(4 * n, n).ToArray());
        Assert.NotEqual(walk.AsSpan(0, n).ToArray(), walk.AsSpan(2 * n, n).ToArray());
    }

    [Fact]
    public void Labels_for_an_unconditional_model_are_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StyleGanSampling.Labels(TinyStyleGanRun.Model with { ClassCount = 0 }, 4, [1]));

        Assert.Contains("unconditional", error.Message);
    }
}
