using Pipeline.Models.StyleGan;

namespace Pipeline.Training.StyleGan;

/// <summary>A range of style inputs [From, To) that a resolution band of the synthesis reads, e.g. coarse = 4²–8².</summary>
/// <param name="Name">coarse, middle or fine.</param>
/// <param name="Resolutions">The feature-map sizes, e.g. "4–8".</param>
/// <param name="From">The first style index.</param>
/// <param name="To">One past the last style index.</param>
public sealed record StyleBand(string Name, string Resolutions, int From, int To);

/// <summary>
/// Style mixing (Karras et al. 2019, §3.1): images whose styles come from two latents, switched at a crossover layer.
/// In training it is a regulariser (the network cannot assume adjacent styles are correlated); after training the
/// coarse, middle and fine bands show what each resolution controls (the paper's Figure 3).
/// </summary>
public static class StyleMixing
{
    /// <summary>
    /// Styles (count, L, W) for G's batch: w = f(z₁) everywhere, or with probability <paramref name="probability"/>
    /// (one draw per batch, as StyleGAN2) f(z₁) before a crossover drawn uniformly from [1, L) and f(z₂) after it.
    /// Uses the global generator: seed it first.
    /// </summary>
    public static Tensor Styles(StyleGenerator generator, long count, Tensor? labels, double probability)
    {
        using var scope = NewDisposeScope();
        var o = generator.Options;
        var device = generator.WAverage.device;
        var ws = generator.Map(randn(count, o.LatentSize, device: device), labels);                // (B, L, W)
        if (probability > 0 && rand(1).item<float>() < probability)
        {
            var other = generator.Map(randn(count, o.LatentSize, device: device), labels);        // (B, L, W)
            var crossover = (int)randint(1, o.StyleCount, [1]).item<long>();
            ws = StyleGenerator.Mix(ws, other, crossover);
        }

        return ws.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The style bands of a synthesis, as the paper groups them at 1024²: coarse 4²–8², middle up to half the image
    /// size, fine the image size (at 32×32: coarse 4–8, middle 16, fine 32); empty bands are left out (a 16×16 model has
    /// no middle). A band starts at the first style its lowest resolution's block reads (index 2k − 1 for resolution
    /// index k ≥ 1, see <see cref="StyleGanOptions.StyleCount"/>); the toRGB style shared with the next block belongs
    /// to the next band.
    /// </summary>
    public static IReadOnlyList<StyleBand> Bands(StyleGanOptions options)
    {
        var sizes = options.Resolutions;
        var last = sizes.Count - 1;
        var bands = new List<StyleBand>();
        Add("coarse", 0, Math.Min(1, last));
        Add("middle", 2, last - 1);
        Add("fine", Math.Max(2, last), last);
        return bands;

        void Add(string name, int first, int lastIndex)
        {
            if (lastIndex < first)
            {
                return;
            }

            var from = first == 0 ? 0 : (2 * first) - 1;
            var to = lastIndex == last ? options.StyleCount : (2 * lastIndex) + 1;
            var range = first == lastIndex ? $"{sizes[first]}" : $"{sizes[first]}–{sizes[lastIndex]}";
            bands.Add(new StyleBand(name, range, from, to));
        }
    }

    /// <summary>Styles of <paramref name="a"/> (B, L, W) with the band's layers taken from <paramref name="b"/>.</summary>
    public static Tensor CopyBand(Tensor a, Tensor b, StyleBand band)
    {
        using var scope = NewDisposeScope();
        var fromBUntilEnd = StyleGenerator.Mix(b, a, band.To);                                  // B before To, A after
        return StyleGenerator.Mix(a, fromBUntilEnd, band.From).MoveToOuterDisposeScope();       // A before From
    }
}
