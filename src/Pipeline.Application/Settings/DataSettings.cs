namespace Pipeline.Application.Settings;

/// <summary>Where training images come from: --data, --image-folder, --image-size, --train-limit, --test-limit.</summary>
public static class DataSettings
{
    private static readonly Setting<string?> Data = new("--data", $"folder of MNIST-style IDX files (default: Fashion-MNIST in {Pipeline.Data.FashionMnist.DefaultDirectory})");
    private static readonly Setting<string?> ImageFolder = new("--image-folder", "folder with one subfolder of images per class (instead of --data)");
    private static readonly Setting<int?> ImageSize = new("--image-size", "resize image-folder images to this (preset's by default)");
    private static readonly Setting<int?> TrainLimit = new("--train-limit", "use only the first N training images");
    private static readonly Setting<int?> TestLimit = new("--test-limit", "use only the first N test images");

    /// <summary>The five settings.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Data, ImageFolder, ImageSize, TrainLimit, TestLimit];

    /// <summary>The data source; image folders take the preset's size (unless --image-size) and channels.</summary>
    public static DataSource ToSource(ISettingValues v, int presetImageSize, int presetChannels)
    {
        var (idx, folder) = (v.Get(Data), v.Get(ImageFolder));
        if (idx is not null && folder is not null)
        {
            throw new ArgumentException("give --data (IDX files) or --image-folder, not both.");
        }

        if (folder is not null)
        {
            return new DataSource(DataSourceKind.ImageFolder, Path.GetFullPath(folder), v.Get(TrainLimit), v.Get(TestLimit), v.Get(ImageSize) ?? presetImageSize, presetChannels);
        }

        return v.Get(ImageSize) is { } size && size != 28
            ? throw new ArgumentException("--image-size applies to --image-folder only: IDX images keep their size.")
            : new DataSource(DataSourceKind.Idx, Path.GetFullPath(idx ?? Pipeline.Data.FashionMnist.DefaultDirectory), v.Get(TrainLimit), v.Get(TestLimit));
    }

    /// <summary>The image channels a model gets from <paramref name="data"/>: the folder's, or 1 for IDX files.</summary>
    public static int Channels(DataSource data) => data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1;
}
