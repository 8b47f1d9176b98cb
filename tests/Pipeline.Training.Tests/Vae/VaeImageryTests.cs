using Pipeline.Models.Vae;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Vae;

public sealed class VaeImageryTests
{
    [Fact]
    public void Quantile_axis_is_symmetric_and_covers_the_5_to_95_percent_quantiles()
    {
        var values = VaeImagery.AxisValues(5, extent: 3, TraversalSpacing.Quantile);

        Assert.Equal(-1.6449, values[0], 3);
        Assert.Equal(0, values[2], 5);
        Assert.Equal(1.6449, values[4], 3);
    }

    [Fact]
    public void Traversal_decodes_one_image_per_grid_cell()
    {
        manual_seed(0);
        using var vae = VariationalAutoencoder.Create(VaeOptions.Manifold2D);

        var pixels = VaeImagery.Traverse(vae, 0, 1, 4, 2.0, TraversalSpacing.Linear, CPU);

        Assert.Equal(16 * 784, pixels.Length);
        Assert.All(pixels, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Edit_returns_originals_reconstructions_and_edits_and_a_zero_edit_changes_nothing()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        var images = rand(3, 1, 28, 28);

        var pixels = VaeImagery.Edit(vae, images, [(4, 0.0)]);

        Assert.Equal(3 * 3 * 784, pixels.Length);
        Assert.Equal(pixels.AsSpan(3 * 784, 3 * 784).ToArray(), pixels.AsSpan(6 * 784, 3 * 784).ToArray());
    }

    [Fact]
    public void Rejects_a_latent_dimension_outside_the_model()
    {
        using var vae = VariationalAutoencoder.Create(VaeOptions.Manifold2D);

        Assert.Throws<ArgumentOutOfRangeException>(() => VaeImagery.Traverse(vae, 0, 2, 4, 2.0, TraversalSpacing.Linear, CPU));
    }

    [Fact]
    public void Reconstructions_alternate_with_originals_and_pad_a_partial_row()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        var images = rand(5, 1, 28, 28);

        var pixels = VaeImagery.Reconstruct(vae, images, columns: 3);

        Assert.Equal(2 * 2 * 3 * 784, pixels.Length);                            // 2 pairs of rows of 3
        Assert.Equal(TensorPixels.ToArray(images[3]), pixels.AsSpan(6 * 784, 784).ToArray()); // 4th original opens row 3
        Assert.All(pixels.AsSpan(8 * 784, 784).ToArray(), p => Assert.Equal(0f, p));       // padding cell after the 5th original
    }
}
