using Pipeline.Training.Runs;

namespace Pipeline.Cli.Options;

/// <summary>Where training images come from: --data, --image-folder, --image-size, --train-limit, --test-limit.</summary>
internal sealed class DataOptions
{
    private readonly Option<string?> _data = new("--data") { Description = $"folder of MNIST-style IDX files (default: Fashion-MNIST in {Pipeline.Data.FashionMnist.DefaultDirectory})" };
    private readonly Option<string?> _imageFolder = new("--image-folder") { Description = "folder with one subfolder of images per class (instead of --data)" };
    private readonly Option<int?> _imageSize = new("--image-size") { Description = "resize image-folder images to this (preset's by default)" };
    private readonly Option<int?> _trainLimit = new("--train-limit") { Description = "use only the first N training images" };
    private readonly Option<int?> _testLimit = new("--test-limit") { Description = "use only the first N test images" };

    /// <summary>The five options.</summary>
    public IEnumerable<Option> All => [_data, _imageFolder, _imageSize, _trainLimit, _testLimit];

    /// <summary>The data source; image folders take the preset's size (unless --image-size) and channels.</summary>
    public DataSource ToSource(ParseResult r, int presetImageSize, int presetChannels)
    {
        var idx = r.GetValue(_data);
        var folder = r.GetValue(_imageFolder);
        if (idx is not null && folder is not null)
        {
            throw new CliError("give --data (IDX files) or --image-folder, not both.");
        }

        var trainLimit = r.GetValue(_trainLimit);
        var testLimit = r.GetValue(_testLimit);
        if (folder is not null)
        {
            return new DataSource(DataSourceKind.ImageFolder, Path.GetFullPath(folder), trainLimit, testLimit, r.GetValue(_imageSize) ?? presetImageSize, presetChannels);
        }

        if (r.GetValue(_imageSize) is { } size && size != 28)
        {
            throw new CliError("--image-size applies to --image-folder only: IDX images keep their size.");
        }

        return new DataSource(DataSourceKind.Idx, Path.GetFullPath(idx ?? Pipeline.Data.FashionMnist.DefaultDirectory), trainLimit, testLimit);
    }
}
