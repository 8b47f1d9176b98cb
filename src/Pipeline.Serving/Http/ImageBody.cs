using System.Net.Http.Headers;
using Pipeline.Inference.Images;
using SkiaSharp;

namespace Pipeline.Serving.Http;

/// <summary>
/// The image a translate request carries: the body itself (image/png, image/jpeg or application/octet-stream) or the
/// first file of a multipart/form-data body (what a browser form sends), decoded completely or refused with why.
/// </summary>
internal static class ImageBody
{
    private static readonly string[] s_imageTypes = ["image/png", "image/jpeg", "image/jpg", "application/octet-stream"];

    public const string Accepted = "image/png, image/jpeg or multipart/form-data with one image file";

    /// <summary>The decoded image (premultiplied BGRA), or a <see cref="RequestRefusedException"/> saying what was wrong.</summary>
    public static async Task<SKBitmap> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellation)
    {
        var bytes = await BytesAsync(request, maxBytes, cancellation).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw RequestRefusedException.BadRequest($"empty body; expected {Accepted}.");
        }

        return SourceImage.TryDecode(bytes, out var problem)
            ?? throw RequestRefusedException.BadRequest($"the body cannot be decoded: {problem}.");
    }

    private static async Task<byte[]> BytesAsync(HttpRequest request, long maxBytes, CancellationToken cancellation)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;
        if (mediaType == "multipart/form-data")
        {
            var form = await request.ReadFormAsync(cancellation).ConfigureAwait(false);
            var file = form.Files.FirstOrDefault() ?? throw RequestRefusedException.BadRequest("the multipart body has no file part; expected one PNG or JPEG file.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
            return buffer.ToArray();
        }

        if (mediaType is null || !s_imageTypes.Contains(mediaType))
        {
            throw new RequestRefusedException(StatusCodes.Status415UnsupportedMediaType, $"content type {request.ContentType ?? "(none)"}; expected {Accepted}.");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellation).ConfigureAwait(false);
        return body.ToArray();
    }

    /// <summary>The refusal of a body over the limit, in the words of the server's option.</summary>
    public static RequestRefusedException TooLarge(long? length, long maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"request body {(length is { } l ? $"of {l} bytes " : string.Empty)}is over the limit of {maxBytes / (1024 * 1024)} MB (--max-body-mb).");
}
