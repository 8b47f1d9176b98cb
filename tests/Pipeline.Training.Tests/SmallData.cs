using Pipeline.Data;
using Pipeline.Training.Runs;

namespace Pipeline.Training.Tests;

/// <summary>Small real subsets of Fashion-MNIST (Debian's dataset-fashion-mnist, installed by the test script).</summary>
internal static class SmallData
{
    private static readonly Lazy<ImageDataset> Train = new(() => FashionMnist.Load(DataSplit.Train).Take(2048));
    private static readonly Lazy<ImageDataset> Test = new(() => FashionMnist.Load(DataSplit.Test).Take(512));

    public static ImageDataset TrainImages(int count) => Train.Value.Take(count);

    public static ImageDataset TestImages(int count) => Test.Value.Take(count);

    public static DataSource Source(int train, int test) => DataSource.FashionMnist(train, test);

    /// <summary>A synthetic set whose pixel values encode the image index, to check which images a batch holds.</summary>
    public static ImageDataset Indexed(int count)
    {
        var pixels = new float[count * 4];
        for (var i = 0; i < count; i++)
        {
            pixels.AsSpan(i * 4, 4).Fill(i);
        }

        return new ImageDataset(pixels, Enumerable.Range(0, count).Select(i => i % 3).ToArray(), 1, 2, 2, 3, "indexed");
    }
}
