using Pipeline.Models.StyleGan;

namespace Pipeline.Training.StyleGan;

/// <summary>The style-mixing grid: its pixels, the grid's shape and one label per row.</summary>
/// <param name="Pixels">Planar images in [0, 1], row by row.</param>
/// <param name="Columns">Images per row: one B source and the A sources.</param>
/// <param name="RowLabels">"sources A" for the top row, then the band each row copies from its B source.</param>
public sealed record MixingGrid(float[] Pixels, int Columns, IReadOnlyList<string> RowLabels);

/// <summary>
/// Pictures of a trained StyleGAN2 as planar pixels in [0, 1]: walks in W, the style-mixing grid and the truncation
/// sweep. Seeded: the same model and seed draw the same picture.
/// </summary>
public static class StyleGanImagery
{
    /// <summary>The truncation sweep's ψ values, left to right: untruncated to the (class) mean w̄.</summary>
    public static IReadOnlyList<double> SweepTruncations { get; } = [1.0, 0.7, 0.5, 0.2, 0.0];

    /// <summary>
    /// <paramref name="rows"/> linear walks in W between two styles w₀ = f(z₀), w₁ = f(z₁) in <paramref name="steps"/>
    /// steps, each row a new pair. W is where StyleGAN2 measures perceptual path length with linear interpolation
    /// (Karras et al. 2019, §4.2): f has already warped the Gaussian z, so straight lines in W stay on the mapping's
    /// output instead of cutting through the sphere z lives near. Conditional models walk each row within one class
    /// (classes in turn).
    /// </summary>
    public static float[] InterpolateW(StyleGenerator generator, int rows, int steps, double truncation, int seed, Device device)
    {
        if (steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "An interpolation needs at least 2 steps.");
        }

        using var scope = NewDisposeScope();
        var o = generator.Options;
        random.manual_seed(seed);
        var z = randn(2 * rows, o.LatentSize, device: device);                                                  // (2R, Z)
        var labels = StyleGanSampling.Labels(o, rows)?.SelectMany(l => new[] { l, l }).ToArray();
        var ends = StyleGanSampling.Styles(generator, z, labels, truncation).view(rows, 2, o.StyleCount, o.StyleSize); // (R, 2, L, W)
        var t = linspace(0, 1, steps, device: device).view(1, steps, 1, 1);                                     // (1, T, 1, 1)
        var ws = ((1 - t) * ends[.., 0..1]) + (t * ends[.., 1..2]);                                               // (R, T, L, W)
        return TensorPixels.ToArray(StyleGanSampling.Synthesize(generator, ws.reshape(rows * steps, o.StyleCount, o.StyleSize)));
    }

    /// <summary>
    /// The style-mixing grid (Karras et al. 2019, Figure 3): the top row shows <paramref name="across"/> sources A (after
    /// a blank corner); below it, for each band (coarse, middle, fine), <paramref name="down"/> rows each start with a
    /// source B and show every A with that band's styles copied from B. Coarse styles carry B's shape and pose, fine ones
    /// little more than texture. Conditional models draw A and B from classes in turn.
    /// </summary>
    public static MixingGrid Mix(StyleGenerator generator, int across, int down, double truncation, int seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(across, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(down, 1);
        using var scope = NewDisposeScope();
        var o = generator.Options;
        var bands = StyleMixing.Bands(o);
        var sourcesB = down * bands.Count;
        random.manual_seed(seed);
        var wsA = StyleGanSampling.Styles(generator, randn(across, o.LatentSize, device: device), StyleGanSampling.Labels(o, across), truncation);   // (A, L, W)
        var labelsB = StyleGanSampling.Labels(o, sourcesB)?.Select(l => (l + 1) % o.ClassCount).ToArray();                                           // other classes than A's first
        var wsB = StyleGanSampling.Styles(generator, randn(sourcesB, o.LatentSize, device: device), labelsB, truncation);                          // (B, L, W)

        var rows = new List<Tensor> { zeros(1, o.StyleCount, o.StyleSize, device: device), wsA };     // the corner is drawn blank below
        var labels = new List<string> { "sources A" };
        for (var i = 0; i < sourcesB; i++)
        {
            var band = bands[i / down];
            var b = wsB[i..(i + 1)];                                                                  // (1, L, W)
            rows.Add(b);
            rows.Add(StyleMixing.CopyBand(wsA, b.expand(across, -1, -1), band));                      // (A, L, W)
            labels.Add($"{band.Name} ({band.Resolutions}) from B");
        }

        var images = StyleGanSampling.Synthesize(generator, cat(rows));                               // ((1 + B)(1 + A), C, S, S)
        images[0].fill_(0);                                                                           // blank corner: the background, so it reads as empty
        return new MixingGrid(TensorPixels.ToArray(images), across + 1, labels);
    }

    /// <summary>
    /// The truncation trick in W (Karras et al. 2019, appendix B; §3 of StyleGAN2): w′ = w̄ + ψ(w − w̄), one row per latent,
    /// ψ = 1, 0.7, 0.5, 0.2, 0 across; the last column is w̄ itself (per class for a conditional model, so it stays the class's average garment).
    /// </summary>
    public static float[] TruncationSweep(StyleGenerator generator, int rows, IReadOnlyList<int>? labels, int seed, Device device)
    {
        using var scope = NewDisposeScope();
        var o = generator.Options;
        random.manual_seed(seed);
        var z = randn(rows, o.LatentSize, device: device);
        var rowLabels = StyleGanSampling.Labels(o, rows, labels);
        var columns = SweepTruncations.Select(psi => StyleGanSampling.Styles(generator, z, rowLabels, psi)).ToArray();   // each (R, L, W)
        var ws = stack(columns, 1).reshape(rows * columns.Length, o.StyleCount, o.StyleSize);                           // row-major (R·5, L, W)
        return TensorPixels.ToArray(StyleGanSampling.Synthesize(generator, ws));
    }
}
