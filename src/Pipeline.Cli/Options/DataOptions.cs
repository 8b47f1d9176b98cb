using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Options;

/// <summary>Where training images come from: --data, --image-folder, --image-size, --train-limit, --test-limit.</summary>
internal sealed class DataOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = $"folder of MNIST-style IDX files (default: Fashion-MNIST in {Pipeline.Data.FashionMnist.DefaultDirectory})" };

    public Option<string?> ImageFolder { get; } = new("--image-folder") { Description = "folder with one subfolder of images per class (instead of --data)" };

    public Option<int?> ImageSize { get; } = new("--image-size") { Description = "resize image-folder images to this (preset's by default)" };

    public Option<int?> TrainLimit { get; } = new("--train-limit") { Description = "use only the first N training images" };

    public Option<int?> TestLimit { get; } = new("--test-limit") { Description = "use only the first N test images" };

    /// <summary>The five options.</summary>
    public IEnumerable<Option> All => [Data, ImageFolder, ImageSize, TrainLimit, TestLimit];

    /// <summary>The data source; image folders take the preset's size (unless --image-size) and channels.</summary>
    public DataSource ToSource(ParseResult r, int presetImageSize, int presetChannels)
    {
        var idx = r.GetValue(Data);
        var folder = r.GetValue(ImageFolder);
        if (idx is not null && folder is not null)
        {
            throw new CliError("give --data (IDX files) or --image-folder, not both.");
        }

        var trainLimit = r.GetValue(TrainLimit);
        var testLimit = r.GetValue(TestLimit);
        if (folder is not null)
        {
            return new DataSource(DataSourceKind.ImageFolder, Path.GetFullPath(folder), trainLimit, testLimit, r.GetValue(ImageSize) ?? presetImageSize, presetChannels);
        }

        if (r.GetValue(ImageSize) is { } size && size != 28)
        {
            throw new CliError("--image-size applies to --image-folder only: IDX images keep their size.");
        }

        return new DataSource(DataSourceKind.Idx, Path.GetFullPath(idx ?? Pipeline.Data.FashionMnist.DefaultDirectory), trainLimit, testLimit);
    }
}
