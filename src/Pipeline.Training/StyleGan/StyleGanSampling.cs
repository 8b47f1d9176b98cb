using Pipeline.Models.StyleGan;

namespace Pipeline.Training.StyleGan;

/// <summary>Labels and batched generation for StyleGAN2 pictures, evaluation and samples.</summary>
public static class StyleGanSampling
{
    /// <summary>Labels for <paramref name="count"/> images: the given list repeated, or every class in turn; null for an unconditional model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a requested label is not a class of the model, or labels were requested from an unconditional one.</exception>
    public static long[]? Labels(StyleGanOptions options, int count, IReadOnlyList<int>? requested = null)
    {
        if (requested is { Count: > 0 })
        {
            foreach (var label in requested)
            {
                if (!options.IsConditional || label < 0 || label >= options.ClassCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(requested), label, options.IsConditional
                        ? $"Class labels must be in [0, {options.ClassCount - 1}]."
                        : "This StyleGAN is unconditional: it takes no class labels.");
                }
            }

            return Enumerable.Range(0, count).Select(i => (long)requested[i % requested.Count]).ToArray();
        }

        return options.IsConditional ? Enumerable.Range(0, count).Select(i => (long)(i % options.ClassCount)).ToArray() : null;
    }

    /// <summary>
    /// g(ws) mapped to [0, 1], in batches, in eval mode with gradients off: (N, C, S, S) in the caller's dispose scope.
    /// </summary>
    public static Tensor Synthesize(StyleGenerator generator, Tensor ws, int batchSize = 256)
    {
        using var mode = new EvaluationMode(generator);
        var parts = new List<Tensor>();
        for (long start = 0; start < ws.shape[0]; start += batchSize)
        {
            var end = Math.Min(start + batchSize, ws.shape[0]);
            parts.Add(Pipeline.Models.Gans.DcganGenerator.ToUnitRange(generator.Synthesize(ws.narrow(0, start, end - start))));
        }

        return cat(parts).MoveToOuterDisposeScope();
    }

    /// <summary>The styles (N, L, W) of latents <paramref name="z"/> with the truncation trick ψ (towards each class's w̄), without gradients.</summary>
    public static Tensor Styles(StyleGenerator generator, Tensor z, long[]? labels, double truncation = 1.0)
    {
        using var mode = new EvaluationMode(generator);
        var c = labels is null ? null : tensor(labels, device: z.device);
        return generator.Map(z, c, truncation).MoveToOuterDisposeScope();
    }

    /// <summary>Images in [0, 1] of <paramref name="count"/> fresh latents (seeded) with their labels and truncation ψ.</summary>
    public static Tensor Generate(StyleGenerator generator, int count, long[]? labels, double truncation, int seed, Device device)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(seed);
        var z = randn(count, generator.Options.LatentSize, device: device);
        return Synthesize(generator, Styles(generator, z, labels, truncation)).MoveToOuterDisposeScope();
    }
}
