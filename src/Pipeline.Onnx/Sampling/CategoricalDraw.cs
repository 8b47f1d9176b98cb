namespace Pipeline.Onnx.Sampling;

/// <summary>How one categorical draw shapes the model's distribution: guidance, then temperature, then top-k, then top-p.</summary>
/// <param name="Temperature">Logits are divided by it (1: the model's distribution; below 1 sharper; 0: the most likely level).</param>
/// <param name="TopK">Keep only the k most likely levels (Fan et al. 2018); null keeps all.</param>
/// <param name="TopP">Keep the smallest set of most likely levels whose probability reaches p (nucleus sampling, Holtzman et al. 2020); null keeps all.</param>
/// <param name="Guidance">
/// Classifier-free guidance scale s (Ho &amp; Salimans 2022): the logits drawn from are ℓ∅ + s·(ℓ_class − ℓ∅), where ℓ∅ are
/// the same network's logits for the "no class" label. 1 is the class-conditional model itself; above 1 pushes each
/// position towards what tells the class apart; 0 ignores the class. Anything but 1 needs a model trained with class dropout.
/// </param>
public sealed record CategoricalSampling(double Temperature = 1.0, int? TopK = null, double? TopP = null, double Guidance = 1.0)
{
    /// <summary>Whether the draw needs the unconditional logits too (<see cref="Guidance"/> ≠ 1).</summary>
    public bool IsGuided => Guidance != 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Temperature >= 0) || double.IsInfinity(Temperature))
        {
            throw new ArgumentException($"Sampling temperature must be 0 or more, got {Temperature}.", nameof(Temperature));
        }

        if (TopK is < 1)
        {
            throw new ArgumentException($"Top-k must be at least 1, got {TopK}.", nameof(TopK));
        }

        if (TopP is { } p && !(p > 0 && p <= 1))
        {
            throw new ArgumentException($"Top-p must be in (0, 1], got {p}.", nameof(TopP));
        }

        if (!(Guidance >= 0) || double.IsInfinity(Guidance))
        {
            throw new ArgumentException($"Guidance scale must be 0 or more (1: the class-conditional model), got {Guidance}.", nameof(Guidance));
        }
    }
}

/// <summary>
/// One draw from softmax(logits / T), restricted by top-k and top-p, by inverting the cumulative distribution at a
/// uniform number u ∈ [0, 1). Everything is computed here in double from the logits, so any engine that produces the
/// same logits (TorchSharp, ONNX Runtime) and feeds the same u gets the same level: the samplers on both sides call this.
/// </summary>
public static class CategoricalDraw
{
    /// <summary>
    /// Classifier-free guidance in place: <paramref name="conditional"/> becomes ℓ∅ + s·(ℓ_class − ℓ∅), computed in double
    /// and rounded once, so every engine that has the same two logit vectors draws from the same guided ones.
    /// </summary>
    public static void Guide(Span<float> conditional, ReadOnlySpan<float> unconditional, double scale)
    {
        if (unconditional.Length != conditional.Length)
        {
            throw new ArgumentException($"Guidance needs as many unconditional logits as conditional ones: {unconditional.Length} against {conditional.Length}.", nameof(unconditional));
        }

        for (var k = 0; k < conditional.Length; k++)
        {
            conditional[k] = (float)(unconditional[k] + (scale * ((double)conditional[k] - unconditional[k])));
        }
    }

    /// <summary>The drawn level in [0, logits.Length).</summary>
    public static int Draw(ReadOnlySpan<float> logits, CategoricalSampling sampling, double uniform) =>
        Draw(logits, sampling, uniform, new double[logits.Length]);

    /// <summary>
    /// The drawn level, with the probabilities computed in <paramref name="scratch"/> (at least logits.Length long), so a
    /// sampler that draws every position of every grid allocates nothing per draw.
    /// </summary>
    public static int Draw(ReadOnlySpan<float> logits, CategoricalSampling sampling, double uniform, Span<double> scratch)
    {
        if (logits.Length == 0)
        {
            throw new ArgumentException("A categorical draw needs at least one logit.", nameof(logits));
        }

        if (sampling.Temperature == 0)
        {
            return ArgMax(logits);
        }

        if (scratch.Length < logits.Length)
        {
            throw new ArgumentException($"The scratch buffer holds {scratch.Length} values; {logits.Length} logits need as many.", nameof(scratch));
        }

        var probabilities = scratch[..logits.Length];
        var max = logits[ArgMax(logits)];
        var total = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = Math.Exp((logits[k] - max) / sampling.Temperature);
            total += probabilities[k];
        }

        if (sampling.TopK is not null || sampling.TopP is not null)
        {
            total = Restrict(probabilities, total, sampling.TopK ?? logits.Length, sampling.TopP ?? 1.0);
        }

        var target = uniform * total;
        var cumulative = 0.0;
        var last = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            if (probabilities[k] <= 0)
            {
                continue;
            }

            cumulative += probabilities[k];
            last = k;
            if (target < cumulative)
            {
                return k;
            }
        }

        return last;   // u·total rounded up to the full mass: the last level with any probability
    }

    // Zeroes every level outside the k most likely and outside the nucleus of mass p (ties broken by lower index);
    // returns the remaining mass.
    private static double Restrict(Span<double> probabilities, double total, int topK, double topP)
    {
        var copy = probabilities.ToArray();
        var order = Enumerable.Range(0, copy.Length).OrderByDescending(k => copy[k]).ThenBy(k => k).ToArray();
        var kept = 0.0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            var k = order[rank];
            if (rank >= topK || kept >= topP * total)
            {
                probabilities[k] = 0;
                continue;
            }

            kept += probabilities[k];
        }

        return kept;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
