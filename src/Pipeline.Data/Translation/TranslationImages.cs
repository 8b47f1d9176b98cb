namespace Pipeline.Data.Translation;

/// <summary>
/// Images of two domains for image-to-image translation: <see cref="A"/> is translated into <see cref="B"/>. When
/// <see cref="IsPaired"/>, image i of A and image i of B show the same thing (pix2pix, super-resolution); otherwise
/// the domains are independent sets (CycleGAN) and may differ in count. Labels are unused (all 0).
/// </summary>
/// <param name="A">The source domain.</param>
/// <param name="B">The target domain.</param>
/// <param name="IsPaired">Whether image i of A corresponds to image i of B.</param>
public sealed record TranslationImages(ImageDataset A, ImageDataset B, bool IsPaired)
{
    /// <summary>Checks that paired domains hold the same number of images.</summary>
    /// <exception cref="ArgumentException">Paired domains differ in count.</exception>
    public TranslationImages Validate()
    {
        if (IsPaired && A.Count != B.Count)
        {
            throw new ArgumentException($"{A.Source} and {B.Source}: paired domains hold {A.Count} and {B.Count} images; expected the same count.");
        }

        return this;
    }

    /// <summary>The first <paramref name="count"/> images of each domain (pairs stay aligned).</summary>
    public TranslationImages Take(int count) => new(A.Take(count), B.Take(count), IsPaired);

    /// <summary>Wraps unlabelled pixels as a one-class data set.</summary>
    internal static ImageDataset Unlabelled(float[] pixels, int count, int channels, int height, int width, string source) =>
        new(pixels, new int[count], channels, height, width, 1, source);
}
