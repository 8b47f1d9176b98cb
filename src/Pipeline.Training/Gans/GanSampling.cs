using Pipeline.Models.Gans;

namespace Pipeline.Training.Gans;

/// <summary>Latents and labels for sampling: the truncation trick and the fixed layouts of sample grids.</summary>
public static class GanSampling
{
    /// <summary>
    /// z ~ N(0, I) of shape (count, Z), or with the truncation trick (Brock et al. 2019, section 3.1) every entry with
    /// |z| &gt; <paramref name="truncation"/> redrawn until none is left: fidelity up, variety down as the threshold falls.
    /// Uses the global generator: seed it first.
    /// </summary>
    public static Tensor Latents(long count, int latentSize, Device device, double? truncation = null)
    {
        if (truncation is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(truncation), truncation, "The truncation threshold must be positive.");
        }

        using var scope = NewDisposeScope();
        var z = randn(count, latentSize, device: device);
        if (truncation is { } threshold)
        {
            for (var outside = z.abs() > threshold; outside.any().item<bool>(); outside = z.abs() > threshold)
            {
                z = where(outside, randn_like(z), z);
            }
        }

        return z.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The fixed-noise grid's latents and labels: for a conditional GAN one row per class and <paramref name="columns"/>
    /// columns, each column one z shared by every row (so a column shows one "style" across classes); unconditionally
    /// columns² independent latents. Returns (z (N, Z), labels (N), columns).
    /// </summary>
    public static (Tensor Z, Tensor Labels, int Columns) FixedGrid(GanOptions options, int seed, Device device, int columns = 10) =>
        FixedGrid(options.ClassCount, options.LatentSize, seed, device, columns);

    /// <summary>
    /// The fixed-noise grid of any GAN with <paramref name="classCount"/> classes (0: unconditional) and latents of
    /// <paramref name="latentSize"/>, laid out as <see cref="FixedGrid(GanOptions, int, Device, int)"/> describes.
    /// </summary>
    public static (Tensor Z, Tensor Labels, int Columns) FixedGrid(int classCount, int latentSize, int seed, Device device, int columns = 10)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(seed);
        var conditional = classCount > 0;
        var rows = conditional ? classCount : columns;
        Tensor z, labels;
        if (conditional)
        {
            z = Latents(columns, latentSize, device).repeat(rows, 1);                                   // (rows·cols, Z)
            labels = arange(rows, ScalarType.Int64, device: device).repeat_interleave(columns);        // 0,0,..,1,1,..
        }
        else
        {
            z = Latents(rows * columns, latentSize, device);
            labels = zeros(rows * columns, ScalarType.Int64, device: device);
        }

        return (z.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), columns);
    }

    /// <summary>
    /// <paramref name="count"/> images of <paramref name="generate"/> (z, labels) → image: the labels asked for (every
    /// class in turn when none are, see <see cref="Labels"/>) and latents drawn from <paramref name="seed"/> (see
    /// <see cref="Latents"/>), so a seed always draws the same images. The images stay in the caller's dispose scope.
    /// </summary>
    public static (Tensor Images, long[] Labels) Generate(GanOptions shape, int count, IReadOnlyList<int>? labels, double? truncation, int seed, Device device,
        Func<Tensor, Tensor, Tensor> generate)
    {
        var requested = Labels(shape, count, labels);
        random.manual_seed(seed);
        var z = Latents(count, shape.LatentSize, device, truncation);
        return (generate(z, tensor(requested, device: device)), requested);
    }

    /// <summary>Labels for <paramref name="count"/> images: the given list repeated, or every class in turn (all zeros unconditionally).</summary>
    public static long[] Labels(GanOptions options, int count, IReadOnlyList<int>? requested)
    {
        if (requested is { Count: > 0 })
        {
            foreach (var label in requested)
            {
                if (label < 0 || label >= Math.Max(options.ClassCount, 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(requested), label, $"Class labels must be in [0, {Math.Max(options.ClassCount, 1) - 1}].");
                }
            }

            return Enumerable.Range(0, count).Select(i => (long)requested[i % requested.Count]).ToArray();
        }

        return Enumerable.Range(0, count).Select(i => options.IsConditional ? (long)(i % options.ClassCount) : 0L).ToArray();
    }
}
