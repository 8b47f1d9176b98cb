namespace Pipeline.Data.Translation;

/// <summary>
/// The training-time augmentation of the CycleGAN/pix2pix reference code: a random <see cref="CropHeight"/> x
/// <see cref="CropWidth"/> crop and, when <see cref="Flip"/>, a horizontal flip with probability 0.5. For paired
/// data, draw one <see cref="Placement"/> and apply it to both images, so the pair stays aligned.
/// </summary>
/// <param name="CropHeight">Height of the crop, at most the image height.</param>
/// <param name="CropWidth">Width of the crop, at most the image width.</param>
/// <param name="Flip">Whether to flip left–right with probability 0.5.</param>
public sealed record TranslationAugmentation(int CropHeight, int CropWidth, bool Flip)
{
    /// <summary>Where a crop sits and whether it is mirrored.</summary>
    public readonly record struct Placement(int Top, int Left, bool Mirrored);

    /// <summary>Draws a crop position uniformly and a flip with probability 0.5 (only when <see cref="Flip"/>).</summary>
    public Placement Draw(int height, int width, Random random)
    {
        if (CropHeight > height || CropWidth > width || CropHeight <= 0 || CropWidth <= 0)
        {
            throw new ArgumentException($"A {CropHeight}x{CropWidth} crop does not fit {height}x{width} images; expected a positive crop no larger than the image.");
        }

        var top = random.Next(height - CropHeight + 1);
        var left = random.Next(width - CropWidth + 1);
        var mirrored = Flip && random.NextDouble() < 0.5;
        return new Placement(top, left, mirrored);
    }

    /// <summary>Writes the crop of one planar CHW image into <paramref name="target"/> (C x CropHeight x CropWidth).</summary>
    public void Apply(ReadOnlySpan<float> image, int channels, int height, int width, Placement placement, Span<float> target)
    {
        if (image.Length != channels * height * width || target.Length != channels * CropHeight * CropWidth)
        {
            throw new ArgumentException($"Expected a {channels}x{height}x{width} image and a {channels}x{CropHeight}x{CropWidth} target, found {image.Length} and {target.Length} values.");
        }

        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < CropHeight; y++)
            {
                var source = image.Slice((((c * height) + placement.Top + y) * width) + placement.Left, CropWidth);
                var row = target.Slice(((c * CropHeight) + y) * CropWidth, CropWidth);
                source.CopyTo(row);
                if (placement.Mirrored)
                {
                    row.Reverse();
                }
            }
        }
    }
}
