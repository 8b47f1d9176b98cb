using Microsoft.ML.Data;
using Pipeline.Inference.Images;

namespace Pipeline.Serving.Http;

/// <summary>
/// <c>POST /models/{name}/translate[?resize=stretch|pad|crop]</c>: one PNG/JPEG in, the translated PNG out. The image
/// is read into the model's floats the way <c>pipeline translate</c> reads a file (decoded whole, fitted only when
/// asked), so the answer is the image <c>TranslateImages</c> gives.
/// </summary>
internal static class TranslateEndpoint
{
    public static async Task<IResult> HandleAsync(string name, HttpRequest request, ServedModels served)
    {
        var (model, batcher) = served.Find(name);
        if (!model.IsTranslator || batcher is null)
        {
            throw ServedModels.WrongVerb(model, "translate");
        }

        using var arrival = batcher.Arrive();
        var fit = Fit(request.Query["resize"].ToString());
        var codec = model.InputCodec!;
        using var decoded = await ImageBody.ReadAsync(request, served.Options.MaxBodyBytes, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (fit is null && (decoded.Width != codec.Width || decoded.Height != codec.Height))
        {
            throw RequestRefusedException.BadRequest($"the image is {decoded.Width}x{decoded.Height} pixels, {model.Name} takes {codec.Width}x{codec.Height} (add ?resize=stretch, pad or crop to fit it).");
        }

        using var fitted = decoded.Width == codec.Width && decoded.Height == codec.Height ? null : ImageFitting.Fit(decoded, codec.Width, codec.Height, fit!.Value);
        var source = new float[codec.Size];
        using (var image = MLImage.CreateFromPixels(codec.Width, codec.Height, MLPixelFormat.Bgra32, (fitted ?? decoded).Bytes))
        {
            codec.Read(image, source, "body", 0);
        }

        var translated = await arrival.RunAsync(source, null, 1).ConfigureAwait(false);
        return Results.Bytes(PngResponse.Encode(model.OutputCodec!, translated, 1), "image/png");
    }

    private static ImageFit? Fit(string resize)
    {
        if (resize.Length == 0)
        {
            return null;
        }

        foreach (var fit in Enum.GetValues<ImageFit>())
        {
            if (string.Equals(fit.ToString(), resize, StringComparison.OrdinalIgnoreCase))
            {
                return fit;
            }
        }

        throw RequestRefusedException.BadRequest($"resize={resize}; expected stretch, pad or crop.");
    }
}
