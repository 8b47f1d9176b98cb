using Pipeline.MLNet;
using SkiaSharp;

namespace Pipeline.Serving.Http;

/// <summary>
/// Model outputs as PNG bytes: each image's grey levels are the ones ML.NET's <c>ConvertToImage</c> gives
/// (<see cref="PixelCodec.Write"/>), so a served image equals what <c>TranslateImages</c>/<c>GenerateImages</c> write.
/// </summary>
internal static class PngResponse
{
    /// <summary>torchvision's <c>make_grid</c> padding, as the project's saved grids use.</summary>
    private const int Padding = 2;

    // Mid grey: Fashion-MNIST backgrounds are black, so black padding would hide the cell edges.
    private const byte PaddingLevel = 128;

    /// <summary>One image, or a near-square grid of <paramref name="count"/> images laid out row by row.</summary>
    public static byte[] Encode(PixelCodec codec, float[] outputs, int count)
    {
        if (count == 1)
        {
            using var image = codec.Write(outputs);
            return Encode(image.Width, image.Height, image.Pixels.ToArray());
        }

        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var rows = (count + columns - 1) / columns;
        var (cellWidth, cellHeight) = (codec.Width + Padding, codec.Height + Padding);
        var (width, height) = ((columns * cellWidth) + Padding, (rows * cellHeight) + Padding);
        var grid = new byte[width * height * 4];
        Array.Fill(grid, PaddingLevel);
        for (var i = 0; i < count; i++)
        {
            using var image = codec.Write(outputs.AsSpan(i * codec.Size, codec.Size));
            var pixels = image.Pixels;
            var (left, top) = (Padding + ((i % columns) * cellWidth), Padding + ((i / columns) * cellHeight));
            for (var y = 0; y < codec.Height; y++)
            {
                pixels.Slice(y * codec.Width * 4, codec.Width * 4).CopyTo(grid.AsSpan((((top + y) * width) + left) * 4));
            }
        }

        return Encode(width, height, grid);
    }

    private static byte[] Encode(int width, int height, byte[] bgra)
    {
        using var image = SKImage.FromPixelCopy(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque), bgra);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
