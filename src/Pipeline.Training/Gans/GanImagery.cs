using Pipeline.Models.Gans;
using Pipeline.Reports;
using Pipeline.Training.Classifiers;

namespace Pipeline.Training.Gans;

/// <summary>
/// Pictures of a trained generator as planar CHW pixel arrays in [0, 1], ready for <see cref="ImageGrid"/>: batched
/// generation, latent interpolation, class-mean latent arithmetic and the nearest-neighbour panel.
/// </summary>
public static class GanImagery
{
    /// <summary>G(z, labels) mapped to [0, 1], in batches, in eval mode: (N, C, H, W) in the caller's dispose scope.</summary>
    public static Tensor Generate(DcganGenerator generator, Tensor z, Tensor labels, int batchSize = 500)
    {
        using var mode = new EvaluationMode(generator);
        var parts = new List<Tensor>();
        for (long start = 0; start < z.shape[0]; start += batchSize)
        {
            var end = Math.Min(start + batchSize, z.shape[0]);
            parts.Add(DcganGenerator.ToUnitRange(generator.call(z.narrow(0, start, end - start), labels.narrow(0, start, end - start))));
        }

        return cat(parts).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Interpolations between two latents z₀ and z₁ in <paramref name="steps"/> steps, linear or spherical (slerp,
    /// Shoemake 1985, as recommended for Gaussian latents by White 2016). A conditional generator draws the same
    /// path once per class (one row per class); an unconditional one draws <paramref name="rows"/> paths.
    /// </summary>
    public static (float[] Pixels, int Rows) Interpolate(LatentGenerator generator, int steps, bool spherical, int seed, Device device, int rows = 8, double? truncation = null)
    {
        if (steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "An interpolation needs at least 2 steps.");
        }

        using var scope = NewDisposeScope();
        var o = generator.Shape;
        random.manual_seed(seed);
        var paths = o.IsConditional ? 1 : rows;
        var ends = GanSampling.Latents(2 * paths, o.LatentSize, device, truncation);           // (2·paths, Z)
        var t = linspace(0, 1, steps, device: device).unsqueeze(1);                              // (T, 1)
        var lines = new List<Tensor>();
        for (var p = 0; p < paths; p++)
        {
            var (z0, z1) = (ends[2 * p].unsqueeze(0), ends[(2 * p) + 1].unsqueeze(0));          // (1, Z)
            lines.Add(spherical ? Slerp(z0, z1, t) : ((1 - t) * z0) + (t * z1));                // (T, Z)
        }

        var z = cat(lines);
        var labelRows = o.IsConditional ? o.ClassCount : rows;
        if (o.IsConditional)
        {
            z = z.repeat(o.ClassCount, 1);                                                      // the same path for every class
        }

        var labels = o.IsConditional
            ? arange(o.ClassCount, ScalarType.Int64, device: device).repeat_interleave(steps)
            : zeros(z.shape[0], ScalarType.Int64, device: device);
        return (TensorPixels.ToArray(generator.Generate(z, labels)), labelRows);
    }

    /// <summary>Spherical interpolation between rows z₀, z₁ (1, Z) at fractions t (T, 1) → (T, Z).</summary>
    public static Tensor Slerp(Tensor z0, Tensor z1, Tensor t)
    {
        using var scope = NewDisposeScope();
        var cosine = (z0 * z1).sum() / (z0.norm() * z1.norm());
        var omega = acos(cosine.clamp(-1 + 1e-7, 1 - 1e-7));
        var result = ((sin((1 - t) * omega) * z0) + (sin(t * omega) * z1)) / sin(omega);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The mean latent of each class (K, Z), where a latent's class is what the classifier sees in G(z, y) for
    /// uniformly drawn labels y, and how many of <paramref name="samples"/> latents fell in each class. For an
    /// unconditional GAN this finds "the z of a sneaker"; for a conditional one z carries style rather than class, so
    /// the means lie near the origin and arithmetic mostly shows the label's effect.
    /// </summary>
    public static (Tensor Means, int[] Counts) ClassMeanLatents(LatentGenerator generator, TrainedClassifier classifier, int samples, int seed, Device device)
    {
        using var scope = NewDisposeScope();
        var o = generator.Shape;
        var classes = classifier.Config.ClassCount;
        random.manual_seed(seed);
        var z = GanSampling.Latents(samples, o.LatentSize, device);
        var labels = o.IsConditional ? randint(o.ClassCount, samples, dtype: ScalarType.Int64, device: device) : zeros(samples, ScalarType.Int64, device: device);
        var (predicted, _) = classifier.Judge(generator.Generate(z, labels));
        var oneHot = nn.functional.one_hot(predicted, classes).to(float32);                    // (N, K)
        var counts = oneHot.sum([0]);                                                          // (K)
        var means = oneHot.t().matmul(z) / counts.clamp_min(1).unsqueeze(1);                   // (K, Z)
        return (means.MoveToOuterDisposeScope(), counts.to(int32).data<int>().ToArray());
    }

    /// <summary>
    /// Latent arithmetic (Radford et al. 2016, section 6.3) on class means: one row per triple (a, b, c) showing
    /// G(μ_a), G(μ_b), G(μ_c) and G(μ_a − μ_b + μ_c); a conditional generator draws each with its own class label
    /// and the result with c's.
    /// </summary>
    public static float[] Arithmetic(LatentGenerator generator, Tensor classMeans, IReadOnlyList<(int A, int B, int C)> triples)
    {
        using var scope = NewDisposeScope();
        var z = new List<Tensor>();
        var labels = new List<long>();
        foreach (var (a, b, c) in triples)
        {
            z.AddRange([classMeans[a], classMeans[b], classMeans[c], classMeans[a] - classMeans[b] + classMeans[c]]);
            labels.AddRange([a, b, c, c]);
        }

        var labelTensor = generator.Shape.IsConditional
            ? tensor(labels.ToArray(), device: classMeans.device)
            : zeros(labels.Count, ScalarType.Int64, device: classMeans.device);
        return TensorPixels.ToArray(generator.Generate(stack(z), labelTensor));
    }

    /// <summary>
    /// Indices of the <paramref name="k"/> training images closest in pixel L2 to each generated image (N, C, H, W)
    /// in [0, 1], nearest first: (N, k). Searched in chunks so the whole training set never needs one big tensor.
    /// </summary>
    public static long[,] NearestNeighbours(Tensor generated, ImageDataset train, int k, int chunk = 5000)
    {
        using var scope = NewDisposeScope();
        var queries = generated.flatten(1).cpu();                                              // (N, P)
        var bestDistances = full(queries.shape[0], 0, double.PositiveInfinity);
        var bestIndices = zeros(queries.shape[0], 0, ScalarType.Int64);
        for (var start = 0; start < train.Count; start += chunk)
        {
            using var inner = NewDisposeScope();
            var count = Math.Min(chunk, train.Count - start);
            var block = tensor(train.Pixels.AsSpan(start * train.PixelsPerImage, count * train.PixelsPerImage).ToArray(), [count, train.PixelsPerImage]);
            var distances = cdist(queries, block);                                             // (N, chunk)
            var candidates = cat([bestDistances, distances], 1);
            var indices = cat([bestIndices, arange(start, start + count, ScalarType.Int64).expand(queries.shape[0], count)], 1);
            var (values, order) = candidates.topk(Math.Min(k, (int)candidates.shape[1]), 1, largest: false);
            bestDistances = values.MoveToOuterDisposeScope();
            bestIndices = indices.gather(1, order).MoveToOuterDisposeScope();
        }

        var result = new long[queries.shape[0], bestIndices.shape[1]];
        var flat = bestIndices.data<long>().ToArray();
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(long));
        return result;
    }

    /// <summary>The panel: each row one generated image followed by its k nearest training images.</summary>
    public static float[] NeighbourPanel(Tensor generated, ImageDataset train, long[,] neighbours)
    {
        var images = TensorPixels.ToArray(generated);
        var perImage = train.PixelsPerImage;
        var (rows, k) = (neighbours.GetLength(0), neighbours.GetLength(1));
        var panel = new float[rows * (k + 1) * perImage];
        for (var r = 0; r < rows; r++)
        {
            images.AsSpan(r * perImage, perImage).CopyTo(panel.AsSpan(r * (k + 1) * perImage));
            for (var j = 0; j < k; j++)
            {
                train.Image((int)neighbours[r, j]).CopyTo(panel.AsSpan(((r * (k + 1)) + j + 1) * perImage));
            }
        }

        return panel;
    }
}
