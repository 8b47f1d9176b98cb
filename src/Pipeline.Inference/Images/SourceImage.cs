using SkiaSharp;

namespace Pipeline.Inference.Images;

/// <summary>
/// An input image decoded completely, or the reason it cannot be. <c>SKBitmap.Decode</c> (and so ML.NET's
/// <c>LoadImages</c>) returns whatever rows a truncated file holds, so the codec's own result is read instead and
/// anything short of success refuses the file.
/// </summary>
public static class SourceImage
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] s_jpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// The whole image as premultiplied BGRA (transparent pixels over black, as training data are read), or null with
    /// what is wrong in <paramref name="problem"/>, in words a user can act on ("truncated PNG (120 bytes)").
    /// </summary>
    public static SKBitmap? TryDecode(string path, out string problem) => TryDecode(File.ReadAllBytes(path), out problem);

    /// <summary>The same over an image's bytes already in memory (an HTTP request's body, say).</summary>
    public static SKBitmap? TryDecode(byte[] bytes, out string problem)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var length = bytes.Length;
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var opened);
        if (codec is null)
        {
            problem = Signature(bytes) is { } format
                ? opened == SKCodecResult.IncompleteInput ? $"truncated {format} ({length} bytes)" : $"corrupt {format} ({length} bytes)"
                : $"not an image ({length} bytes, neither PNG nor JPEG)";
            return null;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded == SKCodecResult.Success && codec.EncodedFormat == SKEncodedImageFormat.Png && !EndsWithIend(bytes))
        {
            // libpng stops once the rows are in: a small or flat image cut after its pixel data still decodes whole.
            bitmap.Dispose();
            problem = $"truncated PNG ({length} bytes, no IEND chunk at its end)";
            return null;
        }

        if (decoded == SKCodecResult.Success)
        {
            problem = string.Empty;
            return bitmap;
        }

        bitmap.Dispose();
        var name = Name(codec.EncodedFormat);
        problem = decoded switch
        {
            SKCodecResult.IncompleteInput => $"truncated {name} ({length} bytes)",
            SKCodecResult.ErrorInInput => $"corrupt {name} data ({length} bytes)",
            _ => $"{name} that cannot be decoded ({decoded})",
        };
        return null;
    }

    // What the bytes claim to be when no codec accepts them: a cut-off PNG header is "truncated", random bytes are "not an image".
    private static string? Signature(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(8, bytes.Length)];
        return head.Length >= 4 && s_pngSignature.AsSpan().StartsWith(head) ? "PNG"
            : head.Length >= 3 && head.StartsWith(s_jpegSignature) ? "JPEG"
            : null;
    }

    // A PNG ends with the 12-byte IEND chunk: length 0, "IEND", and its fixed CRC.
    private static bool EndsWithIend(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> iend = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
        return bytes.EndsWith(iend);
    }

    private static string Name(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "PNG",
        SKEncodedImageFormat.Jpeg => "JPEG",
        _ => format.ToString().ToUpperInvariant(),
    };
}
