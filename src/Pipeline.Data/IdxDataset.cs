namespace Pipeline.Data;

/// <summary>Loads and saves labelled grey images as a pair of IDX files, the way MNIST and Fashion-MNIST ship.</summary>
/// <example>
/// <code>
/// ImageDataset train = IdxDataset.LoadSplit("/data/mnist", DataSplit.Train);
/// IdxDataset.Save(samples, "samples-images-idx3-ubyte.gz", "samples-labels-idx1-ubyte.gz");
/// </code>
/// </example>
public static class IdxDataset
{
    private const string InstallHint = "install it with: sudo apt-get install dataset-fashion-mnist";

    /// <summary>Pairs an images file (N x H x W) with a labels file (N) into a one-channel data set.</summary>
    /// <param name="imagesPath">The IDX file of images, raw or gzip-compressed.</param>
    /// <param name="labelsPath">The IDX file of labels, raw or gzip-compressed.</param>
    /// <param name="classCount">
    /// The number of classes; when null, the number of <paramref name="classNames"/>, or else the largest label plus one.
    /// </param>
    /// <param name="classNames">One name per class, or null for <c>"0"</c> to <c>"K-1"</c>.</param>
    /// <exception cref="InvalidDataException">The files are malformed or do not match; the message names both files.</exception>
    public static ImageDataset Load(
        string imagesPath,
        string labelsPath,
        int? classCount = null,
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        if (classCount is <= 0)
        {
            throw new ArgumentException($"Expected a positive class count, found {classCount}.", nameof(classCount));
        }

        IdxArray images = IdxFile.Read(imagesPath);
        IdxArray labels = IdxFile.Read(labelsPath);
        string files = $"{imagesPath} and {labelsPath}";
        if (images.Dimensions.Length != 3)
        {
            throw new InvalidDataException(
                $"{files}: expected 3 image dimensions (count x height x width), found {images.Dimensions.Length} ({IdxLayout.FormatDimensions(images.Dimensions)}) in {imagesPath}.");
        }

        if (labels.Dimensions.Length != 1)
        {
            throw new InvalidDataException(
                $"{files}: expected 1 label dimension (count), found {labels.Dimensions.Length} ({IdxLayout.FormatDimensions(labels.Dimensions)}) in {labelsPath}.");
        }

        int count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
        {
            throw new InvalidDataException(
                $"{files}: expected as many labels as images ({count}), found {labels.Dimensions[0]} labels.");
        }

        int classes = classCount ?? classNames?.Count ?? Math.Max(1, labels.Data.Max() + 1);
        int[] labelValues = new int[count];
        for (int i = 0; i < count; i++)
        {
            labelValues[i] = labels.Data[i];
            if (labelValues[i] >= classes)
            {
                throw new InvalidDataException(
                    $"{files}: label at index {i} is {labelValues[i]}, expected below the class count {classes}.");
            }
        }

        // 1/255 maps bytes exactly onto [0, 1]; Save inverts it by rounding.
        float[] pixels = new float[images.Data.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = images.Data[i] / 255f;
        }

        return new ImageDataset(
            pixels, labelValues, channels: 1, images.Dimensions[1], images.Dimensions[2], classes, imagesPath, classNames);
    }

    /// <summary>
    /// Loads one split from a directory holding the standard MNIST file names
    /// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
    /// <c>t10k-labels-idx1-ubyte</c>), each raw or with <c>.gz</c>.
    /// </summary>
    /// <param name="directory">The directory holding the files.</param>
    /// <param name="split">Which split to load.</param>
    /// <param name="classNames">One name per class (which also fixes the class count), or null.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the split is missing; the message lists the names tried.</exception>
    public static ImageDataset LoadSplit(string directory, DataSplit split, IReadOnlyList<string>? classNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string prefix = split switch
        {
            DataSplit.Train => "train",
            DataSplit.Test => "t10k",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
        };
        string imagesName = $"{prefix}-images-idx3-ubyte";
        string labelsName = $"{prefix}-labels-idx1-ubyte";
        string hint = IsDefaultDirectory(directory) ? $"; {InstallHint}" : string.Empty;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"{directory}: directory not found; expected it to hold {imagesName}[.gz] and {labelsName}[.gz]{hint}.");
        }

        return Load(
            FindFile(directory, imagesName, hint),
            FindFile(directory, labelsName, hint),
            classNames?.Count,
            classNames);
    }

    /// <summary>Writes a one-channel data set as an images file (N x H x W) and a labels file (N).</summary>
    /// <param name="dataset">One channel, pixel values in [0, 1] (clamped, then rounded to bytes), labels below 256.</param>
    /// <param name="imagesPath">The images file to write; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <param name="labelsPath">The labels file to write; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <exception cref="ArgumentException">The data set has several channels, no images, or a label above 255.</exception>
    public static void Save(ImageDataset dataset, string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int size = dataset.Channels * dataset.Height * dataset.Width;
        var images = Enumerable.Range(0, dataset.Count).Select(i => new ReadOnlyMemory<float>(dataset.Pixels, i * size, size));
        Save(images, dataset.Labels, (dataset.Channels, dataset.Height, dataset.Width), dataset.Source, imagesPath, labelsPath);
    }

    /// <summary>
    /// Writes one-channel images as they come, as an images file (N x H x W) and a labels file (N) where N is the number
    /// of <paramref name="labels"/>: the header first, then each image, so memory stays flat at any N. Each file is
    /// written through a temporary file renamed into place, so a crash leaves no partial file under either name.
    /// </summary>
    /// <param name="images">Exactly one image per label, each H·W values in [0, 1] (clamped, then rounded to bytes); enumerated once.</param>
    /// <param name="labels">The images' labels, below 256.</param>
    /// <param name="shape">Channels (must be 1), height and width of every image.</param>
    /// <param name="source">Where the images come from, for error messages.</param>
    /// <param name="imagesPath">The images file to write; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <param name="labelsPath">The labels file to write; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <exception cref="ArgumentException">Several channels, no labels, a label above 255, or an image of another size.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="images"/> held another number of images than <paramref name="labels"/>.</exception>
    /// <example>
    /// <code>IdxDataset.Save(generator.Images(count), labels, (1, 28, 28), "cgan", "samples-images-idx3-ubyte", "samples-labels-idx1-ubyte");</code>
    /// </example>
    public static void Save(IEnumerable<ReadOnlyMemory<float>> images, IReadOnlyList<int> labels, (int Channels, int Height, int Width) shape, string source, string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (shape.Channels != 1)
        {
            throw new ArgumentException($"IDX images have one channel, found {shape.Channels} in {source}.", nameof(shape));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException($"IDX files cannot hold zero images ({source}).", nameof(labels));
        }

        byte[] labelBytes = new byte[labels.Count];
        for (int i = 0; i < labelBytes.Length; i++)
        {
            int label = labels[i];
            if (label > byte.MaxValue)
            {
                throw new ArgumentException(
                    $"IDX labels are bytes, found label {label} at index {i} in {source}.", nameof(labels));
            }

            labelBytes[i] = (byte)label;
        }

        int plane = shape.Height * shape.Width;
        IdxFile.Write(imagesPath, [labels.Count, shape.Height, shape.Width], stream =>
        {
            byte[] bytes = new byte[plane];
            long written = 0;
            foreach (ReadOnlyMemory<float> image in images)
            {
                if (image.Length != plane)
                {
                    throw new ArgumentException($"Image {written / plane} of {source} has {image.Length} values, expected {shape.Height}x{shape.Width}.", nameof(images));
                }

                ReadOnlySpan<float> pixels = image.Span;
                for (int p = 0; p < plane; p++)
                {
                    bytes[p] = ToByte(pixels[p]);
                }

                stream.Write(bytes);
                written += plane;
            }

            return written;
        });
        IdxFile.Write(labelsPath, new IdxArray([labels.Count], labelBytes));
    }

    /// <summary>A [0, 1] pixel value as a byte, clamped, NaN as 0: the one quantisation for IDX files and PNG grids alike.</summary>
    public static byte ToByte(float value)
    {
        // NaN fails both comparisons and becomes 0, so a diverged generator still yields a readable file.
        float clamped = value > 0f ? Math.Min(value, 1f) : 0f;
        return (byte)MathF.Round(clamped * 255f);
    }

    private static string FindFile(string directory, string name, string hint)
    {
        string raw = Path.Combine(directory, name);
        string compressed = raw + ".gz";

        // Prefer the raw file: someone who unpacked the archive wants to skip decompression.
        if (File.Exists(raw))
        {
            return raw;
        }

        if (File.Exists(compressed))
        {
            return compressed;
        }

        throw new FileNotFoundException(
            $"{directory}: found neither {name} nor {name}.gz{hint}.", compressed);
    }

    private static bool IsDefaultDirectory(string directory) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)),
            FashionMnist.DefaultDirectory,
            StringComparison.Ordinal);
}
