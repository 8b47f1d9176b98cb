using Pipeline.Inference.Pictures;
using Pipeline.Training;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Gans;

namespace Pipeline.Application.Gans;

/// <summary>
/// The pictures of a generator's latent space that every GAN family with a z draws alike: interpolation, class-mean
/// arithmetic and nearest training neighbours, written into the run (or the path given).
/// </summary>
internal static class LatentPictures
{
    /// <summary>Linear or spherical interpolation grids.</summary>
    public static Picture Interpolate(GeneratorRun run, Device device, int steps, bool spherical, int seed, double? truncation, string? path)
    {
        var (pixels, rows) = GanImagery.Interpolate(run.Generator, steps, spherical, seed, device, truncation: truncation);
        var file = path ?? run.Run.File("images", spherical ? "interpolation-slerp.png" : "interpolation-linear.png");
        return run.Save(pixels, rows * steps, steps, file, $"{(spherical ? "spherical" : "linear")} interpolation ({rows} rows)");
    }

    /// <summary>Class-mean latents and a − b + c rows.</summary>
    /// <exception cref="ArgumentException">a class of a triple was given to none of the samples.</exception>
    public static Picture Arithmetic(GeneratorRun run, Device device, TrainedClassifier classifier, IReadOnlyList<(int A, int B, int C)> triples, int samples, int seed, string? path)
    {
        using var scope = NewDisposeScope();
        var (means, counts) = GanImagery.ClassMeanLatents(run.Generator, classifier, samples, seed, device);
        foreach (var (a, b, c) in triples)
        {
            foreach (var k in new[] { a, b, c })
            {
                if (k < 0 || k >= counts.Length || counts[k] == 0)
                {
                    throw new ArgumentException($"class {k}: none of {samples} samples was classified as it (counts per class: {string.Join(", ", counts)}).");
                }
            }
        }

        var pixels = GanImagery.Arithmetic(run.Generator, means, triples);
        var file = path ?? run.Run.File("images", "arithmetic.png");
        return run.Save(pixels, 4 * triples.Count, 4, file, "latent arithmetic (columns: a, b, c, a - b + c)");
    }

    /// <summary>Generated images beside their nearest training images (pixel L2), the usual check for memorisation.</summary>
    public static Picture Neighbours(GeneratorRun run, Device device, int count, int k, int seed, string? path)
    {
        using var scope = NewDisposeScope();
        var train = run.Train();
        var (generated, _) = GanSampling.Generate(run.Generator.Shape, count, null, null, seed, device, run.Generator.Generate);
        var neighbours = GanImagery.NearestNeighbours(generated, train, k);
        var pixels = GanImagery.NeighbourPanel(generated, train, neighbours);
        var file = path ?? run.Run.File("images", "neighbours.png");
        return run.Save(pixels, count * (k + 1), k + 1, file, $"generated images (first column) and their {k} nearest training images (pixel L2)");
    }
}
