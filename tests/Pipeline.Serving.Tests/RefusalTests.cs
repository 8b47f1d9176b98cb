using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Serving.Tests;

/// <summary>Each kind of bad request gets its 4xx status and one line saying what was expected.</summary>
public sealed class RefusalTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new ModelServerOptions(MaxBodyMegabytes: 1, MaxCount: 32));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public Task Refuses_an_unknown_model() =>
        Refused(_server.GenerateAsync("no-such-model", "{}"), HttpStatusCode.NotFound, "no model 'no-such-model'; models: vae-lecture");

    [Fact]
    public Task Refuses_a_content_type_that_is_no_image() =>
        Refused(_server.TranslateAsync("sneaker2boot-fashion28", TestServer.Png(0), "text/plain"), HttpStatusCode.UnsupportedMediaType, "content type text/plain; expected image/png, image/jpeg");

    [Fact]
    public Task Refuses_bytes_that_are_no_image() =>
        Refused(_server.TranslateAsync("sneaker2boot-fashion28", Encoding.ASCII.GetBytes("hello, not a picture")), HttpStatusCode.BadRequest, "cannot be decoded: not an image (20 bytes");

    [Fact]
    public Task Refuses_a_truncated_png() =>
        Refused(_server.TranslateAsync("sneaker2boot-fashion28", TestServer.Png(0)[..60]), HttpStatusCode.BadRequest, "cannot be decoded: truncated PNG");

    [Fact]
    public Task Refuses_an_image_of_another_size_naming_both() =>
        Refused(_server.TranslateAsync("sneaker2boot-fashion28", TestServer.Png(0, 32, 32)), HttpStatusCode.BadRequest, "the image is 32x32 pixels, sneaker2boot-fashion28 takes 28x28");

    [Fact]
    public Task Refuses_an_unknown_resize() =>
        Refused(_server.TranslateAsync("sneaker2boot-fashion28", TestServer.Png(0), query: "?resize=squash"), HttpStatusCode.BadRequest, "resize=squash; expected stretch, pad or crop");

    [Fact]
    public Task Refuses_a_body_over_the_limit()
    {
        var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } };
        return Refused(_server.Http.PostAsync("models/sneaker2boot-fashion28/translate", content), HttpStatusCode.RequestEntityTooLarge, "over the limit of 1 MB (--max-body-mb)");
    }

    [Fact]
    public Task Refuses_a_count_over_the_limit() =>
        Refused(_server.GenerateAsync("cgan-fashion28", """{ "count": 33 }"""), HttpStatusCode.BadRequest, "count 33; expected 1 to 32 (--max-count)");

    [Fact]
    public Task Refuses_a_class_the_model_does_not_have() =>
        Refused(_server.GenerateAsync("cgan-fashion28", """{ "class": 10 }"""), HttpStatusCode.BadRequest, "class 10; cgan-fashion28 has classes 0 to 9 (0 T-shirt/top");

    [Fact]
    public Task Refuses_json_that_is_no_generate_request() =>
        Refused(_server.GenerateAsync("cgan-fashion28", """{ "colour": "red" }"""), HttpStatusCode.BadRequest, "the body is not a generate request");

    [Fact]
    public Task Refuses_to_translate_with_a_generator() =>
        Refused(_server.TranslateAsync("cgan-fashion28", TestServer.Png(0)), HttpStatusCode.BadRequest, "cgan-fashion28 is a generator: POST JSON to /models/cgan-fashion28/generate, not /translate");

    [Fact]
    public Task Refuses_to_generate_with_a_translator() =>
        Refused(_server.GenerateAsync("sneaker2boot-fashion28", "{}"), HttpStatusCode.BadRequest, "sneaker2boot-fashion28 is a translator: POST an image to /models/sneaker2boot-fashion28/translate");

    [Fact]
    public Task Refuses_to_translate_with_an_autoregressive_model() =>
        Refused(_server.TranslateAsync("pixelcnn-fashion28", TestServer.Png(0)), HttpStatusCode.BadRequest, "pixelcnn-fashion28 is an autoregressive model: POST JSON to /models/pixelcnn-fashion28/generate");

    [Fact]
    public Task Refuses_a_count_over_the_limit_before_sampling() =>
        Refused(_server.GenerateAsync("pixelcnn-fashion28", """{ "count": 33 }"""), HttpStatusCode.BadRequest, "count 33; expected 1 to 32 (--max-count)");

    private static async Task Refused(Task<HttpResponseMessage> sending, HttpStatusCode status, string message)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
    }
}
