using SkiaSharp;

namespace Pipeline.Data.Tests.Translation;

/// <summary>Writes small PNG files for the layout tests.</summary>
internal static class TranslationFiles
{
    public static void Png(string path, int width, int height, SKColor color) => Png(path, width, height, (_, _) => color);

    public static void Png(string path, int width, int height, Func<int, int, SKColor> color)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, color(x, y));
            }
        }

        using var stream = File.Create(path);
        bitmap.Encode(stream, SKEncodedImageFormat.Png, 100);
    }
}
