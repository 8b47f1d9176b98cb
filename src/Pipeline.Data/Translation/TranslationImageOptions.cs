namespace Pipeline.Data.Translation;

/// <summary>
/// How translation images are read from files: every image (or every half of an A|B image) is resized to
/// <see cref="Height"/> x <see cref="Width"/> and converted to <see cref="Channels"/> channels. Random crops and
/// flips are applied per batch while training (<see cref="TranslationAugmentation"/>), as in the CycleGAN/pix2pix
/// reference code, which loads at 286 and crops 256.
/// </summary>
/// <param name="Height">Height after resizing, in pixels.</param>
/// <param name="Width">Width after resizing, in pixels.</param>
/// <param name="Channels">1 for luminance or 3 for RGB.</param>
public sealed record TranslationImageOptions(int Height, int Width, int Channels)
{
    /// <summary>Throws when a size is not positive or the channel count is not 1 or 3.</summary>
    public TranslationImageOptions Validate()
    {
        if (Height <= 0 || Width <= 0)
        {
            throw new ArgumentException($"Image size must be positive, found {Height}x{Width}.");
        }

        if (Channels is not (1 or 3))
        {
            throw new ArgumentException($"Expected 1 (grey) or 3 (RGB) channels, found {Channels}.");
        }

        return this;
    }
}
