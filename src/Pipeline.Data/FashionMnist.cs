namespace Pipeline.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, <see href="https://github.com/zalandoresearch/fashion-mnist"/>):
/// 60,000 training and 10,000 test grey 28x28 images of clothing in 10 classes, stored as MNIST-style IDX files.
/// </summary>
/// <example>
/// <code>ImageDataset test = FashionMnist.Load(DataSplit.Test); // 10000 x 1 x 28 x 28</code>
/// </example>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The class names in label order, as published with the data set.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]);

    /// <summary>Loads one split with its 10 class names.</summary>
    /// <param name="split">Which split to load.</param>
    /// <param name="directory">The directory holding the IDX files; <see cref="DefaultDirectory"/> when null.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the split is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static ImageDataset Load(DataSplit split, string? directory = null) =>
        IdxDataset.LoadSplit(directory ?? DefaultDirectory, split, ClassNames);
}
