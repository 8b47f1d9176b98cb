using Pipeline.Data;

namespace Pipeline.Benchmarks;

/// <summary>
/// Uniform random images for the training-step benchmarks: the work of a step does not depend on what the pictures
/// show, so no data set has to be installed for a benchmark run.
/// </summary>
public static class RandomImages
{
    /// <summary><paramref name="count"/> images of <paramref name="channels"/>×<paramref name="size"/>×<paramref name="size"/> pixels in [0, 1), labelled 0, 1, … cyclically over <paramref name="classCount"/> classes.</summary>
    public static ImageDataset Create(int count, int channels, int size, int classCount = 1, int seed = 0)
    {
        var random = new Random(seed);
        var pixels = new float[count * channels * size * size];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.NextSingle();
        }

        return new ImageDataset(pixels, Enumerable.Range(0, count).Select(i => i % classCount).ToArray(), channels, size, size, classCount, "random images");
    }
}
