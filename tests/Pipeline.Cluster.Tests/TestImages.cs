using SkiaSharp;

namespace Pipeline.Cluster.Tests;

/// <summary>Small random RGB PNGs to translate.</summary>
internal static class TestImages
{
    public static IReadOnlyList<string> WritePngs(string folder, int count, int size, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var rgba = new byte[size * size * 4];
            random.NextBytes(rgba);
            for (var p = 3; p < rgba.Length; p += 4)
            {
                rgba[p] = 255;
            }

            using var image = SKImage.FromPixelCopy(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            var path = System.IO.Path.Combine(folder, $"source-{i:D3}.png");
            File.WriteAllBytes(path, png.ToArray());
            return path;
        }).ToArray();
    }
}
