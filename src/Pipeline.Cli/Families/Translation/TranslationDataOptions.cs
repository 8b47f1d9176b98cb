using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// Where a translation run's images come from (--data, --data-a/--data-b, --image-size, --channels, limits) and how
/// training batches are augmented (--crop, --flip). Without --data a recipe trains on its embedded Fashion-MNIST set.
/// </summary>
internal sealed class TranslationDataOptions(TranslationRecipeKind recipe)
{
    private readonly Option<string?> _data = new("--data")
    {
        Description = recipe switch
        {
            TranslationRecipeKind.CycleGan => "folder with trainA/ trainB/ testA/ testB/ of PNG/JPEG images (default: Fashion-MNIST sneaker ↔ ankle boot)",
            TranslationRecipeKind.Pix2Pix => "folder with train/ and test/ (or val/) of A|B images side by side (default: Fashion-MNIST edges → item)",
            _ => "folder of high-resolution PNG/JPEG images, with train/ and test/ (or val/) or all in one (every tenth is the test set), downsampled by --factor (default: Fashion-MNIST)",
        },
    };

    private readonly Option<string?> _dataA = new("--data-a") { Description = "pix2pix: folder of A images matched by file name with --data-b (every tenth pair is the test set)" };
    private readonly Option<string?> _dataB = new("--data-b") { Description = "pix2pix: folder of B images, same file names as --data-a" };
    private readonly Option<int?> _imageSize = new Option<int?>("--image-size")
    {
        Description = recipe == TranslationRecipeKind.SuperResolution
            ? "resize the high-resolution image files to this square size, a multiple of --factor (default: the files' own size)"
            : "resize image files to this square size (default 64); the edges set is padded to it (default 32)",
    }.AtLeastWhenGiven(4);

    private readonly Option<int?> _channels = new Option<int?>("--channels") { Description = "1 (grey) or 3 (RGB) for image files (default 3)" }.OneOfWhenGiven(1, 3);
    private readonly Option<int?> _crop = new Option<int?>("--crop") { Description = "train on random square crops of this size (test images stay whole)" }.AtLeastWhenGiven(4);
    private readonly Option<bool> _flip = new("--flip") { Description = "mirror training images left–right with probability 0.5" };
    private readonly Option<int?> _trainLimit = new Option<int?>("--train-limit") { Description = "use only the first N training images of each domain" }.AtLeastWhenGiven(1);
    private readonly Option<int?> _testLimit = new Option<int?>("--test-limit") { Description = "use only the first N test images of each domain" }.AtLeastWhenGiven(1);

    public IEnumerable<Option> All => recipe == TranslationRecipeKind.Pix2Pix
        ? [_data, _dataA, _dataB, _imageSize, _channels, _crop, _flip, _trainLimit, _testLimit]
        : [_data, _imageSize, _channels, _crop, _flip, _trainLimit, _testLimit];

    /// <summary>The data the options ask for, resolved by <see cref="TranslationDataRequest"/>.</summary>
    public TranslationDataRequest ToRequest(ParseResult r) => new(
        r.GetValue(_data), recipe == TranslationRecipeKind.Pix2Pix ? r.GetValue(_dataA) : null, recipe == TranslationRecipeKind.Pix2Pix ? r.GetValue(_dataB) : null,
        r.GetValue(_imageSize), r.GetValue(_channels), r.GetValue(_crop), r.GetValue(_flip), r.GetValue(_trainLimit), r.GetValue(_testLimit));
}
