using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Data.Translation;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// Where a translation run's images come from (--data, --data-a/--data-b, --image-size, --channels, limits) and how
/// training batches are augmented (--crop, --flip). Without --data a recipe trains on its embedded Fashion-MNIST set.
/// </summary>
internal sealed class TranslationDataOptions(TranslationRecipeKind recipe)
{
    public Option<string?> Data { get; } = new("--data")
    {
        Description = recipe switch
        {
            TranslationRecipeKind.CycleGan => "folder with trainA/ trainB/ testA/ testB/ of PNG/JPEG images (default: Fashion-MNIST sneaker ↔ ankle boot)",
            TranslationRecipeKind.Pix2Pix => "folder with train/ and test/ (or val/) of A|B images side by side (default: Fashion-MNIST edges → item)",
            _ => "folder of high-resolution PNG/JPEG images, with train/ and test/ (or val/) or all in one (every tenth is the test set), downsampled by --factor (default: Fashion-MNIST)",
        },
    };

    public Option<string?> DataA { get; } = new("--data-a") { Description = "pix2pix: folder of A images matched by file name with --data-b (every tenth pair is the test set)" };

    public Option<string?> DataB { get; } = new("--data-b") { Description = "pix2pix: folder of B images, same file names as --data-a" };

    public Option<int?> ImageSize { get; } = new Option<int?>("--image-size")
    {
        Description = recipe == TranslationRecipeKind.SuperResolution
            ? "resize the high-resolution image files to this square size, a multiple of --factor (default: the files' own size)"
            : "resize image files to this square size (default 64); the edges set is padded to it (default 32)",
    }.AtLeastWhenGiven(4);

    public Option<int?> Channels { get; } = new Option<int?>("--channels") { Description = "1 (grey) or 3 (RGB) for image files (default 3)" }.OneOfWhenGiven(1, 3);

    public Option<int?> Crop { get; } = new Option<int?>("--crop") { Description = "train on random square crops of this size (test images stay whole)" }.AtLeastWhenGiven(4);

    public Option<bool> Flip { get; } = new("--flip") { Description = "mirror training images left–right with probability 0.5" };

    public Option<int?> TrainLimit { get; } = new Option<int?>("--train-limit") { Description = "use only the first N training images of each domain" }.AtLeastWhenGiven(1);

    public Option<int?> TestLimit { get; } = new Option<int?>("--test-limit") { Description = "use only the first N test images of each domain" }.AtLeastWhenGiven(1);

    public IEnumerable<Option> All => recipe == TranslationRecipeKind.Pix2Pix
        ? [Data, DataA, DataB, ImageSize, Channels, Crop, Flip, TrainLimit, TestLimit]
        : [Data, ImageSize, Channels, Crop, Flip, TrainLimit, TestLimit];

    /// <summary>The data source the options describe; <paramref name="factor"/> is super-resolution's.</summary>
    public TranslationData ToData(ParseResult r, int factor)
    {
        var (root, a, b) = (r.GetValue(Data), recipe == TranslationRecipeKind.Pix2Pix ? r.GetValue(DataA) : null, recipe == TranslationRecipeKind.Pix2Pix ? r.GetValue(DataB) : null);
        var (size, channels) = (r.GetValue(ImageSize), r.GetValue(Channels));
        var limits = (r.GetValue(TrainLimit), r.GetValue(TestLimit));
        if ((a is null) != (b is null))
        {
            throw new CliError("--data-a and --data-b go together: two folders of images matched by file name.");
        }

        if (root is not null && a is not null)
        {
            throw new CliError("give --data (A|B images) or --data-a/--data-b (matched folders), not both.");
        }

        if (root is null && a is null)
        {
            if (channels is 3)
            {
                throw new CliError("--channels applies to image files only: Fashion-MNIST is grey.");
            }

            return recipe switch
            {
                TranslationRecipeKind.CycleGan => size is null or 28
                    ? new TranslationData(TranslationDataKind.FashionSneakerBoot, Pipeline.Data.FashionMnist.DefaultDirectory, TrainLimit: limits.Item1, TestLimit: limits.Item2)
                    : throw new CliError("--image-size applies to image folders: sneaker ↔ ankle boot images are 28x28."),
                TranslationRecipeKind.Pix2Pix => size is null or >= 28
                    ? new TranslationData(TranslationDataKind.FashionEdges, Pipeline.Data.FashionMnist.DefaultDirectory, ImageSize: size ?? 32, TrainLimit: limits.Item1, TestLimit: limits.Item2)
                    : throw new CliError($"--image-size {size}: the edges → item set pads Fashion-MNIST's 28x28 images, so it takes 28 or more."),
                _ => size is null or 28
                    ? new TranslationData(TranslationDataKind.FashionSuperResolution, Pipeline.Data.FashionMnist.DefaultDirectory, ImageSize: 28, Factor: factor, TrainLimit: limits.Item1, TestLimit: limits.Item2)
                    : throw new CliError("--image-size: super-resolution targets are Fashion-MNIST's 28x28 images."),
            };
        }

        if (recipe == TranslationRecipeKind.SuperResolution)
        {
            var folder = Path.GetFullPath(root!);
            if (size is { } wanted && wanted % factor != 0)
            {
                throw new CliError($"--image-size {wanted} is not divisible by --factor {factor}: the low-resolution images would not have a whole size.");
            }

            // Without --image-size the files' own size is the target size; the first file sets it and the rest must match.
            var side = size ?? Pipeline.Data.Translation.SuperResolutionFolders.NativeSize(folder, factor);
            return new TranslationData(TranslationDataKind.SuperResolutionFolders, folder, null, side, channels ?? 3, factor, limits.Item1, limits.Item2, KeepFileSize: size is null);
        }

        var (s, c) = (size ?? 64, channels ?? 3);
        return a is not null
            ? new TranslationData(TranslationDataKind.MatchedFolders, Path.GetFullPath(a), Path.GetFullPath(b!), s, c, TrainLimit: limits.Item1, TestLimit: limits.Item2)
            : new TranslationData(recipe == TranslationRecipeKind.CycleGan ? TranslationDataKind.CycleGanFolders : TranslationDataKind.SideBySide, Path.GetFullPath(root!), null, s, c, TrainLimit: limits.Item1, TestLimit: limits.Item2);
    }

    /// <summary>The crop and flip of training batches for images of <paramref name="size"/>, or null for none.</summary>
    public TranslationAugmentation? ToAugmentation(ParseResult r, int size)
    {
        var crop = r.GetValue(Crop);
        if (crop > size)
        {
            throw new CliError($"--crop {crop} is larger than the {size}x{size} images.");
        }

        if (recipe == TranslationRecipeKind.SuperResolution && (crop is not null || r.GetValue(Flip)))
        {
            throw new CliError("--crop and --flip: super-resolution pairs differ in size, so they cannot share one crop; train without them.");
        }

        return crop is null && !r.GetValue(Flip) ? null : new TranslationAugmentation(crop ?? size, crop ?? size, r.GetValue(Flip));
    }
}
