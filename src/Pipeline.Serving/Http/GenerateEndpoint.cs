using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Primitives;
using Pipeline.Serving.Models;

namespace Pipeline.Serving.Http;

/// <summary>
/// <c>POST /models/{name}/generate</c> with <c>{"class": 3, "seed": 7, "count": 16}</c>: one PNG (count 1) or a grid.
/// z ~ N(0, I) is drawn row after row from one <see cref="Random"/> seeded with the seed, as <c>pipeline sample</c>
/// draws it, so the same request gives the same bytes whatever else shares its batch.
/// </summary>
internal static class GenerateEndpoint
{
    private static readonly JsonSerializerOptions s_json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<IResult> HandleAsync(string name, HttpRequest request, ServedModels served)
    {
        var (model, batcher) = served.Find(name);
        if (!model.IsLatentGenerator || batcher is null)
        {
            throw ServedModels.WrongVerb(model, "generate");
        }

        using var arrival = batcher.Arrive();
        var asked = await ReadAsync(request).ConfigureAwait(false);
        var count = asked.Count ?? 1;
        if (count < 1 || count > served.Options.MaxCount)
        {
            throw RequestRefusedException.BadRequest($"count {count}; expected 1 to {served.Options.MaxCount} (--max-count).");
        }

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

    // The class asked for on every row; none asked: the classes in turn, as `pipeline sample` draws them.
    private static long[]? Labels(ServedModel model, int? asked, int count)
    {
        if (model.Label is null)
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

    private static async Task<GenerateBody> ReadAsync(HttpRequest request)
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
