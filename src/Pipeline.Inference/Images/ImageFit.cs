using SkiaSharp;

namespace Pipeline.Inference.Images;

/// <summary><c>translate --resize</c>: how an image of another size than the model's is brought to it.</summary>
public enum ImageFit
{
    /// <summary>Scaled to the model's size, aspect ratio not kept.</summary>
    Stretch,

    /// <summary>
    /// Scaled to fit inside the model's size, aspect ratio kept, the rest black: black is the model's range minimum
    /// and the background of the images our translators learn from (Fashion-MNIST, edge maps), so the bars read as
    /// empty background; an edge colour would invent content the model might translate into stripes.
    /// </summary>
    Pad,

    /// <summary>The centre cut to the model's aspect ratio, then scaled: nothing added, the borders lost.</summary>
    Crop,
}

/// <summary>Resizing by <see cref="ImageFit"/> with SkiaSharp's high-quality filter (mipmaps down, bicubic up).</summary>
public static class ImageFitting
{
    /// <summary>A new <paramref name="width"/> x <paramref name="height"/> premultiplied BGRA bitmap of <paramref name="source"/>.</summary>
    public static SKBitmap Fit(SKBitmap source, int width, int height, ImageFit fit)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Black);
        using var paint = new SKPaint { FilterQuality = SKFilterQuality.High };
        var (from, to) = Rectangles(source.Width, source.Height, width, height, fit);
        canvas.DrawBitmap(source, from, to, paint);
        return target;
    }

    // Whole pixels on both sides, so a padded or cropped edge is sharp rather than a half-covered row.
    private static (SKRect From, SKRect To) Rectangles(int sourceWidth, int sourceHeight, int width, int height, ImageFit fit)
    {
        var whole = SKRect.Create(sourceWidth, sourceHeight);
        var target = SKRect.Create(width, height);
        switch (fit)
        {
            case ImageFit.Pad:
                var down = Math.Min((double)width / sourceWidth, (double)height / sourceHeight);
                return (whole, Centred(width, height, Math.Max(1, (int)Math.Round(sourceWidth * down)), Math.Max(1, (int)Math.Round(sourceHeight * down))));
            case ImageFit.Crop:
                var up = Math.Max((double)width / sourceWidth, (double)height / sourceHeight);
                return (Centred(sourceWidth, sourceHeight, Math.Max(1, (int)Math.Round(width / up)), Math.Max(1, (int)Math.Round(height / up))), target);
            default:
                return (whole, target);
        }
    }

    private static SKRect Centred(int outerWidth, int outerHeight, int width, int height)
    {
        var left = (outerWidth - width) / 2;
        var top = (outerHeight - height) / 2;
        return SKRect.Create(left, top, width, height);
    }
}
