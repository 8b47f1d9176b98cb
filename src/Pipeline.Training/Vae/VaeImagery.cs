using Pipeline.Models.Vae;
using Pipeline.Reports;

namespace Pipeline.Training.Vae;

/// <summary>
/// The lecture's pictures of a trained VAE, as planar CHW pixel arrays in [0, 1] ready for
/// <see cref="Pipeline.Reports.ImageGrid"/>: prior samples, latent traversals, latent edits and reconstructions.
/// </summary>
public static class VaeImagery
{
    /// <summary>Decodes <paramref name="count"/> draws z ~ N(0, τ²I); τ &lt; 1 trades diversity for fidelity.</summary>
    public static float[] SamplePrior(VariationalAutoencoder model, int count, Device device, int seed, double temperature = 1.0)
    {
        using var guard = EvalScope(model);
        random.manual_seed(seed);
        var z = randn(count, model.Options.LatentSize, device: device) * temperature;
        return TensorPixels.ToArray(model.Decode(z));
    }

    /// <summary>
    /// A steps×steps grid sweeping latent dimension <paramref name="across"/> along columns and
    /// <paramref name="down"/> along rows, other dimensions held at <paramref name="anchor"/> (zero, the prior mean,
    /// when null). With a 2-D latent this is the learned manifold.
    /// </summary>
    public static float[] Traverse(
        VariationalAutoencoder model, int across, int down, int steps, double extent, TraversalSpacing spacing, Device device, float[]? anchor = null)
    {
        var latent = model.Options.LatentSize;
        RequireDimension(across, latent, nameof(across));
        RequireDimension(down, latent, nameof(down));
        if (steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "A traversal needs at least 2 steps per axis.");
        }

        if (anchor is not null && anchor.Length != latent)
        {
            throw new ArgumentException($"The anchor latent has {anchor.Length} values, the model's latent size is {latent}.", nameof(anchor));
        }

        using var guard = EvalScope(model);
        var values = AxisValues(steps, extent, spacing);
        var grid = new float[steps * steps * latent];
        for (var row = 0; row < steps; row++)
        {
            for (var column = 0; column < steps; column++)
            {
                var z = grid.AsSpan(((row * steps) + column) * latent, latent);
                anchor?.CopyTo(z);
                z[across] = values[column];
                z[down] = values[steps - 1 - row]; // larger values at the top, as on a plot's y axis
            }
        }

        return TensorPixels.ToArray(model.Decode(tensor(grid, new long[] { steps * steps, latent }, device: device)));
    }

    /// <summary>
    /// Latent editing: encodes each image to its posterior mean, adds <paramref name="edits"/> (dimension, amount),
    /// and decodes. Returns originals, plain reconstructions and edited images as three consecutive blocks.
    /// </summary>
    public static float[] Edit(VariationalAutoencoder model, Tensor images, IReadOnlyList<(int Dimension, double Amount)> edits)
    {
        foreach (var (dimension, _) in edits)
        {
            RequireDimension(dimension, model.Options.LatentSize, "edit dimension");
        }

        using var guard = EvalScope(model);
        var (mean, _) = model.Encode(images);
        var edited = mean.clone();
        foreach (var (dimension, amount) in edits)
        {
            edited[.., dimension] += amount;
        }

        return [.. TensorPixels.ToArray(images), .. TensorPixels.ToArray(model.Decode(mean)), .. TensorPixels.ToArray(model.Decode(edited))];
    }

    /// <summary>
    /// Originals and the decoder mean at their posterior mean, in alternating rows of <paramref name="columns"/>
    /// images; a partial last row is padded with blank (zero) cells. Returns 2·rows·columns images.
    /// </summary>
    public static float[] Reconstruct(VariationalAutoencoder model, Tensor images, int columns)
    {
        using var guard = EvalScope(model);
        var (mean, _) = model.Encode(images);
        var originals = TensorPixels.ToArray(images);
        var reconstructions = TensorPixels.ToArray(model.Decode(mean));
        var count = (int)images.shape[0];
        return ImageGrid.Alternating(originals, reconstructions, count, originals.Length / count, columns);
    }

    /// <summary>The latent value of each traversal step.</summary>
    public static float[] AxisValues(int steps, double extent, TraversalSpacing spacing)
    {
        var values = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            var t = (double)i / (steps - 1);
            values[i] = spacing == TraversalSpacing.Linear
                ? (float)(-extent + (2 * extent * t))
                : (float)InverseStandardNormal(0.05 + (0.9 * t)); // 5%..95% quantiles, as in the AEVB figure
        }

        return values;
    }


    private static double InverseStandardNormal(double p)
    {
        using var probability = tensor(p, float64);
        using var quantile = special.ndtri(probability);
        return quantile.item<double>();
    }

    private static void RequireDimension(int dimension, int latentSize, string name)
    {
        if (dimension < 0 || dimension >= latentSize)
        {
            throw new ArgumentOutOfRangeException(name, dimension, $"Latent dimension must be in [0, {latentSize - 1}].");
        }
    }

    private static EvaluationMode EvalScope(VariationalAutoencoder model) => new(model);
}
