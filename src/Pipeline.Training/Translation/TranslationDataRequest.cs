using Pipeline.Data.Translation;

namespace Pipeline.Training.Translation;

/// <summary>
/// A translation run's images as a user asks for them: a folder (pix2pix: or two folders matched by file name), a
/// size, channels, limits, and the crop and flip of training batches. Without a folder each recipe trains on its
/// Fashion-MNIST set. Resolving it refuses what a recipe cannot use, before any image is read.
/// </summary>
/// <param name="Folder">The recipe's folder layout (CycleGAN: trainA/ trainB/ testA/ testB/; pix2pix: A|B images; super-resolution: high-resolution images).</param>
/// <param name="FolderA">pix2pix: A images, matched by file name with <paramref name="FolderB"/>.</param>
/// <param name="FolderB">pix2pix: B images.</param>
/// <param name="ImageSize">Square side to resize image files to; the dataset's own size when null.</param>
/// <param name="Channels">1 or 3 for image files (3 when null).</param>
/// <param name="Crop">Random square crops of training images of this side; none when null.</param>
/// <param name="Flip">Mirror training images left–right with probability 0.5.</param>
/// <param name="TrainLimit">The first N training images of each domain.</param>
/// <param name="TestLimit">The first N test images of each domain.</param>
public sealed record TranslationDataRequest(
    string? Folder = null,
    string? FolderA = null,
    string? FolderB = null,
    int? ImageSize = null,
    int? Channels = null,
    int? Crop = null,
    bool Flip = false,
    int? TrainLimit = null,
    int? TestLimit = null)
{
    /// <summary>The data of <paramref name="recipe"/>; <paramref name="factor"/> is super-resolution's.</summary>
    /// <exception cref="ArgumentException">The request does not fit the recipe.</exception>
    public TranslationData ToData(TranslationRecipeKind recipe, int factor)
    {
        var (root, a, b, size, channels) = (Folder, FolderA, FolderB, ImageSize, Channels);
        if ((a is null) != (b is null))
        {
            throw new ArgumentException("--data-a and --data-b go together: two folders of images matched by file name.");
        }

        if (root is not null && a is not null)
        {
            throw new ArgumentException("give --data (A|B images) or --data-a/--data-b (matched folders), not both.");
        }

        if (root is null && a is null)
        {
            return channels is 3 ? throw new ArgumentException("--channels applies to image files only: Fashion-MNIST is grey.") : recipe switch
            {
                TranslationRecipeKind.CycleGan => size is null or 28
                    ? new TranslationData(TranslationDataKind.FashionSneakerBoot, Pipeline.Data.FashionMnist.DefaultDirectory, TrainLimit: TrainLimit, TestLimit: TestLimit)
                    : throw new ArgumentException("--image-size applies to image folders: sneaker ↔ ankle boot images are 28x28."),
                TranslationRecipeKind.Pix2Pix => size is null or >= 28
                    ? new TranslationData(TranslationDataKind.FashionEdges, Pipeline.Data.FashionMnist.DefaultDirectory, ImageSize: size ?? 32, TrainLimit: TrainLimit, TestLimit: TestLimit)
                    : throw new ArgumentException($"--image-size {size}: the edges → item set pads Fashion-MNIST's 28x28 images, so it takes 28 or more."),
                _ => size is null or 28
                    ? new TranslationData(TranslationDataKind.FashionSuperResolution, Pipeline.Data.FashionMnist.DefaultDirectory, ImageSize: 28, Factor: factor, TrainLimit: TrainLimit, TestLimit: TestLimit)
                    : throw new ArgumentException("--image-size: super-resolution targets are Fashion-MNIST's 28x28 images."),
            };
        }

        if (recipe == TranslationRecipeKind.SuperResolution)
        {
            var folder = Path.GetFullPath(root!);
            if (size is { } wanted && wanted % factor != 0)
            {
                throw new ArgumentException($"--image-size {wanted} is not divisible by --factor {factor}: the low-resolution images would not have a whole size.");
            }

            // Without --image-size the files' own size is the target size; the first file sets it and the rest must match.
            var side = size ?? SuperResolutionFolders.NativeSize(folder, factor);
            return new TranslationData(TranslationDataKind.SuperResolutionFolders, folder, null, side, channels ?? 3, factor, TrainLimit, TestLimit, KeepFileSize: size is null);
        }

        var (s, c) = (size ?? 64, channels ?? 3);
        return a is not null
            ? new TranslationData(TranslationDataKind.MatchedFolders, Path.GetFullPath(a), Path.GetFullPath(b!), s, c, TrainLimit: TrainLimit, TestLimit: TestLimit)
            : new TranslationData(recipe == TranslationRecipeKind.CycleGan ? TranslationDataKind.CycleGanFolders : TranslationDataKind.SideBySide, Path.GetFullPath(root!), null, s, c, TrainLimit: TrainLimit, TestLimit: TestLimit);
    }

    /// <summary>The crop and flip of training batches for images of <paramref name="size"/>, or null for none.</summary>
    /// <exception cref="ArgumentException">The crop is larger than the images, or the recipe's pairs cannot share one crop.</exception>
    public TranslationAugmentation? ToAugmentation(TranslationRecipeKind recipe, int size)
    {
        if (Crop > size)
        {
            throw new ArgumentException($"--crop {Crop} is larger than the {size}x{size} images.");
        }

        if (recipe == TranslationRecipeKind.SuperResolution && (Crop is not null || Flip))
        {
            throw new ArgumentException("--crop and --flip: super-resolution pairs differ in size, so they cannot share one crop; train without them.");
        }

        return Crop is null && !Flip ? null : new TranslationAugmentation(Crop ?? size, Crop ?? size, Flip);
    }
}
