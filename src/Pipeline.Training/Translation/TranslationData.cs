using System.Text.Json.Serialization;
using Pipeline.Data.Translation;

namespace Pipeline.Training.Translation;

/// <summary>Where a translation run's two domains come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TranslationDataKind>))]
public enum TranslationDataKind
{
    /// <summary>Fashion-MNIST edge maps → items, paired (<see cref="FashionMnistTranslation.EdgesToItem"/>).</summary>
    FashionEdges,

    /// <summary>Fashion-MNIST sneakers ↔ ankle boots, unpaired (<see cref="FashionMnistTranslation.SneakerToAnkleBoot"/>).</summary>
    FashionSneakerBoot,

    /// <summary>Fashion-MNIST downsampled → original, paired (<see cref="FashionMnistTranslation.SuperResolution"/>).</summary>
    FashionSuperResolution,

    /// <summary>CycleGAN's <c>trainA/ trainB/ testA/ testB/</c> under one root (<see cref="CycleGanFolders"/>).</summary>
    CycleGanFolders,

    /// <summary>pix2pix's A|B images side by side in <c>train/</c> and <c>test/</c> (or <c>val/</c>) under one root.</summary>
    SideBySide,

    /// <summary>Two folders of images matched by file name; every tenth pair (in name order) is held out for testing.</summary>
    MatchedFolders,

    /// <summary>High-resolution images (<c>train/</c> and <c>test/</c>, or one folder), downsampled by <see cref="TranslationData.Factor"/> (<see cref="SuperResolutionFolders"/>).</summary>
    SuperResolutionFolders,
}

/// <summary>
/// The data of a translation run, saved in its config so that evaluation and export find the same images again.
/// </summary>
/// <param name="Kind">Which layout or embedded set.</param>
/// <param name="Path">The Fashion-MNIST IDX folder, the dataset root, or folder A of matched folders.</param>
/// <param name="PathB">Folder B of matched folders.</param>
/// <param name="ImageSize">Files are resized to this square size (super-resolution: the target's); the edges set is padded to it; Fashion-MNIST super-resolution targets stay 28.</param>
/// <param name="Channels">1 (grey) or 3 (RGB) for files; Fashion-MNIST is grey.</param>
/// <param name="Factor">The super-resolution factor, 2 or 4.</param>
/// <param name="TrainLimit">Use only the first N training images of each domain.</param>
/// <param name="TestLimit">Use only the first N test images of each domain.</param>
/// <param name="KeepFileSize">Super-resolution folders: every file must already be <see cref="ImageSize"/> square (trained at the files' own size) instead of being resized.</param>
public sealed record TranslationData(
    TranslationDataKind Kind,
    string Path,
    string? PathB = null,
    int ImageSize = 28,
    int Channels = 1,
    int Factor = 4,
    int? TrainLimit = null,
    int? TestLimit = null,
    bool KeepFileSize = false)
{
    /// <summary>Whether the images are one of the Fashion-MNIST sets (so the project's classifier can judge them).</summary>
    [JsonIgnore]
    public bool IsFashionMnist => Kind is TranslationDataKind.FashionEdges or TranslationDataKind.FashionSneakerBoot or TranslationDataKind.FashionSuperResolution;

    /// <summary>Whether image i of A and image i of B show the same thing.</summary>
    [JsonIgnore]
    public bool IsPaired => Kind is not (TranslationDataKind.FashionSneakerBoot or TranslationDataKind.CycleGanFolders);

    /// <summary>Loads one split, applying the limit of that split.</summary>
    /// <exception cref="DirectoryNotFoundException">A folder of the layout is missing.</exception>
    /// <exception cref="InvalidDataException">A folder is empty or holds a file that is not an image, or pairs do not match.</exception>
    public TranslationImages Load(DataSplit split)
    {
        var images = Kind switch
        {
            TranslationDataKind.FashionEdges => FashionMnistTranslation.EdgesToItem(split, Path, ImageSize),
            TranslationDataKind.FashionSneakerBoot => FashionMnistTranslation.SneakerToAnkleBoot(split, Path),
            TranslationDataKind.FashionSuperResolution => FashionMnistTranslation.SuperResolution(split, Factor, Path),
            TranslationDataKind.CycleGanFolders => CycleGanFolders.Load(Path, split, FileOptions),
            TranslationDataKind.SideBySide => AlignedPairs.LoadSideBySide(SideBySideFolder(split), FileOptions),
            TranslationDataKind.SuperResolutionFolders => Pipeline.Data.Translation.SuperResolutionFolders.Load(Path, split, Factor, FileOptions, KeepFileSize),
            TranslationDataKind.MatchedFolders => HoldOut(AlignedPairs.LoadMatched(Path, PathB ?? throw new ArgumentException("Matched folders need folder B."), FileOptions), split),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown translation data kind."),
        };
        var limit = split == DataSplit.Train ? TrainLimit : TestLimit;
        return limit is { } n ? images.Take(n) : images;
    }

    /// <summary>One line for logs and cards, e.g. "Fashion-MNIST sneaker ↔ ankle boot".</summary>
    public string Describe() => Kind switch
    {
        TranslationDataKind.FashionEdges => $"Fashion-MNIST edges → item ({ImageSize}x{ImageSize}, Sobel edges)",
        TranslationDataKind.FashionSneakerBoot => "Fashion-MNIST sneaker ↔ ankle boot (unpaired)",
        TranslationDataKind.FashionSuperResolution => $"Fashion-MNIST {28 / Factor}x{28 / Factor} → 28x28 ({Factor}x super-resolution)",
        TranslationDataKind.CycleGanFolders => $"CycleGAN folders {Path} ({Channels}x{ImageSize}x{ImageSize})",
        TranslationDataKind.SideBySide => $"A|B pairs in {Path} ({Channels}x{ImageSize}x{ImageSize})",
        TranslationDataKind.SuperResolutionFolders => $"{Path} at {ImageSize / Factor}x{ImageSize / Factor} → {ImageSize}x{ImageSize} ({Factor}x super-resolution, {Channels} channel{(Channels == 1 ? "" : "s")}, area-downsampled)",
        TranslationDataKind.MatchedFolders => $"pairs matched by name in {Path} and {PathB} ({Channels}x{ImageSize}x{ImageSize})",
        _ => Kind.ToString(),
    };

    private TranslationImageOptions FileOptions => new(ImageSize, ImageSize, Channels);

    // pix2pix's datasets (facades, maps, edges2shoes, ...) ship train/ with test/ or val/ beside it.
    private string SideBySideFolder(DataSplit split)
    {
        if (!Directory.Exists(Path))
        {
            throw new DirectoryNotFoundException($"{Path}: data folder not found; expected train/ and test/ (or val/) folders of A|B images inside.");
        }

        var names = split == DataSplit.Train ? new[] { "train" } : ["test", "val"];
        return names.Select(n => System.IO.Path.Combine(Path, n)).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"{System.IO.Path.Combine(Path, names[0])}: missing {string.Join(" or ", names.Select(n => n + "/"))}; the pix2pix layout needs train/ and test/ (or val/) under {Path}.");
    }

    // Matched folders have no split of their own: every tenth pair is the test set, the rest trains.
    private static TranslationImages HoldOut(TranslationImages all, DataSplit split)
    {
        var indices = Enumerable.Range(0, all.A.Count).Where(i => (i % 10 == 9) == (split == DataSplit.Test)).ToArray();
        if (indices.Length == 0)
        {
            throw new InvalidDataException($"{all.A.Source}: {all.A.Count} pairs are too few to hold out a test set (need at least 10).");
        }

        return new TranslationImages(Select(all.A, indices, split), Select(all.B, indices, split), IsPaired: true);
    }

    private static ImageDataset Select(ImageDataset all, int[] indices, DataSplit split)
    {
        var pixels = new float[indices.Length * all.PixelsPerImage];
        for (var i = 0; i < indices.Length; i++)
        {
            all.Image(indices[i]).CopyTo(pixels.AsSpan(i * all.PixelsPerImage, all.PixelsPerImage));
        }

        return new ImageDataset(pixels, new int[indices.Length], all.Channels, all.Height, all.Width, 1, $"{all.Source} ({split.ToString().ToLowerInvariant()})");
    }
}
