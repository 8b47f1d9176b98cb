namespace Pipeline.Data.Translation;

/// <summary>
/// The low-resolution half of a super-resolution pair: each pixel the mean of a factor x factor block of the
/// original, per channel (area downsampling, which aliases least). Fashion-MNIST's default pairs and image folders
/// are made the same way, so a model trained on one judges the other fairly.
/// </summary>
public static class AreaDownsampling
{
    /// <summary>Downsamples every image of <paramref name="high"/> by <paramref name="factor"/> on each side.</summary>
    /// <exception cref="ArgumentException">The height or width is not a multiple of <paramref name="factor"/>.</exception>
    public static ImageDataset Downsample(ImageDataset high, int factor, string source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (high.Height % factor != 0 || high.Width % factor != 0)
        {
            throw new ArgumentException($"{high.Source}: {high.Width}x{high.Height} images are not divisible by the factor {factor}.", nameof(factor));
        }

        var (h, w) = (high.Height / factor, high.Width / factor);
        var size = high.Channels * h * w;
        var low = new float[high.Count * size];
        for (var i = 0; i < high.Count; i++)
        {
            Downsample(high.Image(i), high.Channels, high.Height, high.Width, factor, low.AsSpan(i * size, size));
        }

        return TranslationImages.Unlabelled(low, high.Count, high.Channels, h, w, source);
    }

    /// <summary>One planar (C, H, W) image into (C, H / factor, W / factor).</summary>
    public static void Downsample(ReadOnlySpan<float> image, int channels, int height, int width, int factor, Span<float> target)
    {
        var (h, w) = (height / factor, width / factor);
        for (var c = 0; c < channels; c++)
        {
            var plane = image.Slice(c * height * width, height * width);
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var sum = 0f;
                    for (var dy = 0; dy < factor; dy++)
                    {
                        for (var dx = 0; dx < factor; dx++)
                        {
                            sum += plane[(((y * factor) + dy) * width) + (x * factor) + dx];
                        }
                    }

                    target[(c * h * w) + (y * w) + x] = sum / (factor * factor);
                }
            }
        }
    }
}
