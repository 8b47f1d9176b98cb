namespace Pipeline.Data.Translation;

/// <summary>
/// The unpaired layout of the CycleGAN reference code (Zhu et al. 2017): <c>trainA/ trainB/ testA/ testB/</c>
/// under one root, each a flat folder of PNG/JPEG images of one domain.
/// </summary>
/// <example>
/// <code>TranslationImages horses = CycleGanFolders.Load("data/horse2zebra", DataSplit.Train, new(64, 64, 3));</code>
/// </example>
public static class CycleGanFolders
{
    /// <summary>Loads <c>{split}A/</c> and <c>{split}B/</c> of <paramref name="root"/> as unpaired domains.</summary>
    /// <exception cref="DirectoryNotFoundException">The root or one of the two folders is missing.</exception>
    /// <exception cref="InvalidDataException">A folder is empty or holds a file that is not a decodable image.</exception>
    public static TranslationImages Load(string root, DataSplit split, TranslationImageOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        options.Validate();
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: data folder not found; expected trainA/ trainB/ testA/ testB/ inside.");
        }

        var prefix = split == DataSplit.Train ? "train" : "test";
        return new TranslationImages(LoadDomain(root, prefix + "A", options), LoadDomain(root, prefix + "B", options), IsPaired: false);
    }

    private static ImageDataset LoadDomain(string root, string name, TranslationImageOptions options)
    {
        var folder = Path.Combine(root, name);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: missing {name}/; the CycleGAN layout needs trainA/ trainB/ testA/ testB/ under {root}.");
        }

        var files = TranslationImageFiles.List(folder);
        var size = options.Channels * options.Height * options.Width;
        var pixels = new float[files.Length * size];
        for (var i = 0; i < files.Length; i++)
        {
            using var bitmap = TranslationImageFiles.Decode(files[i]);
            TranslationImageFiles.Write(bitmap, new(0, 0, bitmap.Width, bitmap.Height), options, files[i], pixels.AsSpan(i * size, size));
        }

        return TranslationImages.Unlabelled(pixels, files.Length, options.Channels, options.Height, options.Width, folder);
    }
}
