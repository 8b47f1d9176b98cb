using System.Text.Json.Serialization;

namespace Pipeline.Training.Runs;

/// <summary>Where training images come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataSourceKind>))]
public enum DataSourceKind
{
    /// <summary>A folder with the four MNIST-style IDX files (Fashion-MNIST by default).</summary>
    Idx,

    /// <summary>A folder with one subfolder of PNG/JPEG images per class.</summary>
    ImageFolder,
}

/// <summary>The data a run trains and evaluates on; saved in the run's config so that evaluation finds it again.</summary>
/// <param name="Kind">IDX set or image folder.</param>
/// <param name="Path">The folder.</param>
/// <param name="TrainLimit">Use only the first N training images (quick runs, tests).</param>
/// <param name="TestLimit">Use only the first N test images.</param>
/// <param name="ImageSize">Image folders are resized to this; IDX sets keep their own size.</param>
/// <param name="Channels">Image folders are converted to this (1 or 3); IDX sets are grey.</param>
public sealed record DataSource(DataSourceKind Kind, string Path, int? TrainLimit = null, int? TestLimit = null, int ImageSize = 28, int Channels = 1)
{
    /// <summary>Fashion-MNIST from Debian's dataset-fashion-mnist package.</summary>
    public static DataSource FashionMnist(int? trainLimit = null, int? testLimit = null) =>
        new(DataSourceKind.Idx, Pipeline.Data.FashionMnist.DefaultDirectory, trainLimit, testLimit);

    /// <summary>Loads the training and test sets, applying the limits.</summary>
    public (ImageDataset Train, ImageDataset Test) Load()
    {
        var (train, test) = Kind switch
        {
            DataSourceKind.Idx => LoadIdx(),
            DataSourceKind.ImageFolder => HoldOut(ImageFolderDataset.Load(Path, ImageSize, ImageSize, Channels)),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown data source kind."),
        };
        return (Limit(train, TrainLimit), Limit(test, TestLimit));
    }

    /// <summary>The classes' names without loading the images: Fashion-MNIST's, an image folder's subfolders; null for other IDX sets, which carry none.</summary>
    public IReadOnlyList<string>? ClassNames() => Kind switch
    {
        DataSourceKind.Idx => IsFashionMnist ? Pipeline.Data.FashionMnist.ClassNames : null,
        DataSourceKind.ImageFolder => ImageFolderDataset.ClassNames(Path),
        _ => null,
    };

    private bool IsFashionMnist => System.IO.Path.GetFullPath(Path).TrimEnd('/') == Pipeline.Data.FashionMnist.DefaultDirectory;

    private (ImageDataset, ImageDataset) LoadIdx()
    {
        return IsFashionMnist
            ? (Pipeline.Data.FashionMnist.Load(DataSplit.Train, Path), Pipeline.Data.FashionMnist.Load(DataSplit.Test, Path))
            : (IdxDataset.LoadSplit(Path, DataSplit.Train), IdxDataset.LoadSplit(Path, DataSplit.Test));
    }

    // An image folder has no test split: every tenth image (in the folder's sorted order) is held out.
    private static (ImageDataset, ImageDataset) HoldOut(ImageDataset all)
    {
        var test = Enumerable.Range(0, all.Count).Where(i => i % 10 == 9).ToArray();
        var train = Enumerable.Range(0, all.Count).Where(i => i % 10 != 9).ToArray();
        if (test.Length == 0)
        {
            throw new InvalidDataException($"{all.Source}: {all.Count} images are too few to hold out a test set (need at least 10).");
        }

        return (Select(all, train, "train"), Select(all, test, "test"));
    }

    private static ImageDataset Select(ImageDataset all, int[] indices, string part)
    {
        var pixels = new float[indices.Length * all.PixelsPerImage];
        for (var i = 0; i < indices.Length; i++)
        {
            all.Image(indices[i]).CopyTo(pixels.AsSpan(i * all.PixelsPerImage, all.PixelsPerImage));
        }

        var labels = indices.Select(i => all.Labels[i]).ToArray();
        return new ImageDataset(pixels, labels, all.Channels, all.Height, all.Width, all.ClassCount, $"{all.Source} ({part})", all.ClassNames);
    }

    private static ImageDataset Limit(ImageDataset data, int? limit) =>
        limit is { } n && n < data.Count ? data.Take(n) : data;
}
