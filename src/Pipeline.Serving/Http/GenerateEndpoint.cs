using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.MLNet;
using Pipeline.Onnx.Sampling;
using Pipeline.Primitives;
using Pipeline.Serving.Models;

namespace Pipeline.Serving.Http;

/// <summary>
/// <c>POST /models/{name}/generate</c> with <c>{"class": 3, "seed": 7, "count": 16}</c>: one PNG (count 1) or a grid.
/// For a generator or decoder, z ~ N(0, I) is drawn row after row from one <see cref="Random"/> seeded with the seed,
/// as <c>pipeline sample</c> draws it, so the same request gives the same bytes whatever else shares its batch. An
/// autoregressive model (PixelCNN, VQ-VAE-2) draws image n from seed + n, as <c>pipeline sample</c> does, unbatched.
/// </summary>
internal static class GenerateEndpoint
{
    private static readonly JsonSerializerOptions s_json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<IResult> HandleAsync(string name, HttpRequest request, ServedModels served)
    {
        var (model, batcher) = served.Find(name);
        if (model.IsAutoregressive)
        {
            return await SampleAsync(model, await ReadAsync(request, served.Options).ConfigureAwait(false)).ConfigureAwait(false);
        }

        if (!model.IsLatentGenerator || batcher is null)
        {
            throw ServedModels.WrongVerb(model, "generate");
        }

        using var arrival = batcher.Arrive();
        var asked = await ReadAsync(request, served.Options).ConfigureAwait(false);
        var count = asked.Count ?? 1;
        var labels = Labels(model, asked.Class, count);
        var latentSize = model.Main!.Size;
        var random = new Random(asked.Seed ?? 0);
        var latents = new float[count * latentSize];
        for (var i = 0; i < latents.Length; i++)
        {
            latents[i] = (float)Gaussian.Next(random);
        }

        var images = await arrival.RunAsync(latents, labels, count).ConfigureAwait(false);
        return Results.Bytes(PngResponse.Encode(model.OutputCodec!, images, count), "image/png");
    }

    // A PixelCNN or VQ-VAE-2: image n from seed + n, one sampling of the model at a time, off the request's thread.
    private static async Task<IResult> SampleAsync(ServedModel model, GenerateBody asked)
    {
        var count = asked.Count ?? 1;
        var labels = Labels(model, asked.Class, count);
        var seeds = Enumerable.Range(0, count).Select(n => (long)(asked.Seed ?? 0) + n).ToArray();
        var (channels, height, width) = model.Sampler!.ImageShape;
        await model.SamplerTurn.WaitAsync().ConfigureAwait(false);
        try
        {
            var images = await Task.Run(() => model.Sampler.Sample(seeds, labels, new CategoricalSampling())).ConfigureAwait(false);
            return Results.Bytes(PngResponse.Encode(new PixelCodec(channels, height, width, 0, 1), images, count), "image/png");
        }
        finally
        {
            model.SamplerTurn.Release();
        }
    }

    // The class asked for on every row; none asked: the classes in turn, as `pipeline sample` draws them.
    private static long[]? Labels(ServedModel model, int? asked, int count)
    {
        if (!model.IsConditional)
        {
            return asked is null ? null : throw RequestRefusedException.BadRequest($"{model.Name} is unconditional: leave out \"class\".");
        }

        var classes = model.ClassCount;
        if (asked is < 0 || asked >= classes)
        {
            var names = model.ClassNames is { Count: > 0 } n ? $" ({string.Join(", ", n.Select((c, i) => $"{i} {c}"))})" : string.Empty;
            throw RequestRefusedException.BadRequest($"class {asked}; {model.Name} has classes 0 to {classes - 1}{names}.");
        }

        return Enumerable.Range(0, count).Select(i => (long)(asked ?? (i % classes))).ToArray();
    }

    private static async Task<GenerateBody> ReadAsync(HttpRequest request, ModelServerOptions options)
    {
        var body = await ReadJsonAsync(request).ConfigureAwait(false);
        if (body.Count is < 1 || body.Count > options.MaxCount)
        {
            throw RequestRefusedException.BadRequest($"count {body.Count}; expected 1 to {options.MaxCount} (--max-count).");
        }

        return body;
    }

    private static async Task<GenerateBody> ReadJsonAsync(HttpRequest request)
    {
        if (request.ContentLength == 0)
        {
            return new GenerateBody();
        }

        if (!request.HasJsonContentType())
        {
            throw new RequestRefusedException(StatusCodes.Status415UnsupportedMediaType, $"content type {request.ContentType ?? "(none)"}; expected application/json such as {{\"class\": 3, \"seed\": 7, \"count\": 16}}.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<GenerateBody>(request.Body, s_json, request.HttpContext.RequestAborted).ConfigureAwait(false) ?? new GenerateBody();
        }
        catch (JsonException ex)
        {
            throw RequestRefusedException.BadRequest($"the body is not a generate request ({ex.Message}); expected {{\"class\": 3, \"seed\": 7, \"count\": 16}}, each optional.");
        }
    }

    /// <summary>The JSON of a generate request; every field optional (class: every class in turn; seed 0; count 1).</summary>
    private sealed record GenerateBody(
        [property: JsonPropertyName("class")] int? Class = null,
        [property: JsonPropertyName("seed")] int? Seed = null,
        [property: JsonPropertyName("count")] int? Count = null);
}
