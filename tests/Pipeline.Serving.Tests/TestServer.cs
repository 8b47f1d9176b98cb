using System.Net.Http.Headers;
using System.Text;
using Pipeline.Inference.Images;
using SkiaSharp;

namespace Pipeline.Serving.Tests;

/// <summary>A <see cref="ModelServer"/> over the committed exports on a free loopback port, with a client for it.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(ModelServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address };
    }

    public ModelServer Server { get; }

    public HttpClient Http { get; }

    public static string ModelsFolder => Path.GetDirectoryName(CommittedExports.File("gallery.json"))!;

    public static async Task<TestServer> StartAsync(ModelServerOptions? options = null) =>
        new(await ModelServer.StartAsync((options ?? new ModelServerOptions()) with { ModelsFolder = ModelsFolder, Port = 0 }));

    public Task<HttpResponseMessage> TranslateAsync(string model, byte[] image, string contentType = "image/png", string query = "") =>
        Http.PostAsync($"models/{model}/translate{query}", new ByteArrayContent(image) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } });

    public Task<HttpResponseMessage> GenerateAsync(string model, string json) =>
        Http.PostAsync($"models/{model}/generate", new StringContent(json, Encoding.UTF8, "application/json"));

    public ModelMetricsSnapshot Metrics(string model) => Server.Metrics.Single(m => m.Model == model);

    /// <summary>A grey test picture, different for each <paramref name="variant"/>: a bright blob on black, as Fashion-MNIST images are.</summary>
    public static byte[] Png(int variant, int width = 28, int height = 28)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = Math.Pow((x - (width / 2.0)) / (6 + (variant % 7)), 2) + Math.Pow((y - (height / 2.0)) / (9 - (variant % 5)), 2);
                var level = (byte)Math.Clamp(255 * (1.2 - inside) + (variant * 3) + ((x * y) % 17), 0, 255);
                bitmap.SetPixel(x, y, new SKColor(level, level, level));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>The BGRA pixels of a PNG answer.</summary>
    public static SKBitmap Decode(byte[] png) => SourceImage.TryDecode(png, out var problem) ?? throw new InvalidDataException(problem);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
