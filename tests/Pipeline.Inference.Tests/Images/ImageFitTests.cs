using Pipeline.Inference.Images;
using SkiaSharp;

namespace Pipeline.Inference.Tests.Images;

public sealed class ImageFitTests
{
    [Fact]
    public void Pad_letterboxes_a_wide_image_between_black_bars_and_keeps_its_aspect()
    {
        // Given a 64x48 red image (4:3) and a 28x28 model
        using var wide = new SKBitmap(64, 48);
        wide.Erase(SKColors.Red);

        // When
        using var padded = ImageFitting.Fit(wide, 28, 28, ImageFit.Pad);

        // Then: 28x21 of red, centred; rows 0-2 and 24-27 black (the model's range minimum)
        Assert.Equal((28, 28), (padded.Width, padded.Height));
        Assert.Equal(SKColors.Black, padded.GetPixel(14, 1));
        Assert.Equal(SKColors.Black, padded.GetPixel(14, 26));
        Assert.Equal(SKColors.Red, padded.GetPixel(14, 14));
        Assert.Equal(SKColors.Red, padded.GetPixel(0, 3));
        Assert.Equal(SKColors.Red, padded.GetPixel(27, 23));
    }

    [Fact]
    public void Crop_keeps_the_centre_at_the_model_aspect_and_adds_nothing()
    {
        // Given a wide image whose outer quarters are blue and centre red
        using var wide = new SKBitmap(64, 48);
        wide.Erase(SKColors.Blue);
        using (var canvas = new SKCanvas(wide))
        using (var red = new SKPaint { Color = SKColors.Red })
        {
            canvas.DrawRect(SKRect.Create(8, 0, 48, 48), red);
        }

        // When
        using var cropped = ImageFitting.Fit(wide, 28, 28, ImageFit.Crop);

        // Then: the centre 48x48 (all red) scaled to 28x28
        Assert.Equal((28, 28), (cropped.Width, cropped.Height));
        Assert.All(new[] { (0, 0), (27, 0), (0, 27), (27, 27), (14, 14) }, p => Assert.Equal(SKColors.Red, cropped.GetPixel(p.Item1, p.Item2)));
    }
}
