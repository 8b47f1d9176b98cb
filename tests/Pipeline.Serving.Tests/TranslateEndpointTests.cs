using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.MLNet;

namespace Pipeline.Serving.Tests;

/// <summary><c>POST /models/{name}/translate</c> against ML.NET's <c>TranslateImages</c> on the same input.</summary>
public sealed class TranslateEndpointTests
{
    private const string Model = "sneaker2boot-fashion28";

    [Fact]
    public async Task Translates_a_png_into_the_pixels_TranslateImages_gives()
    {
        // Given a 28x28 PNG and a server over the committed exports
        var png = TestServer.Png(variant: 3);
        await using var server = await TestServer.StartAsync();

        // When it is translated over HTTP and through ML.NET
        using var response = await server.TranslateAsync(Model, png);
        var served = await response.Content.ReadAsByteArrayAsync();
        var expected = TranslateThroughMlNet(png, "translator-a2b.onnx");

        // Then the answer is a PNG with the same pixels
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var decoded = TestServer.Decode(served);
        Assert.Equal((28, 28), (decoded.Width, decoded.Height));
        Assert.Equal(expected, decoded.Bytes);
    }

    [Fact]
    public async Task Serves_the_other_direction_of_a_cycle_gan_under_its_own_name()
    {
        var png = TestServer.Png(variant: 2);
        await using var server = await TestServer.StartAsync();

        using var response = await server.TranslateAsync(Model + "-b2a", png);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var decoded = TestServer.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(TranslateThroughMlNet(png, "translator-b2a.onnx"), decoded.Bytes);
        Assert.NotEqual(TranslateThroughMlNet(png, "translator-a2b.onnx"), decoded.Bytes);
    }

    [Fact]
    public async Task Fits_an_image_of_another_size_only_when_asked()
    {
        await using var server = await TestServer.StartAsync();
        var large = TestServer.Png(variant: 1, width: 40, height: 56);

        using var refused = await server.TranslateAsync(Model, large);
        using var padded = await server.TranslateAsync(Model, large, query: "?resize=pad");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("40x56 pixels", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, padded.StatusCode);
        using var decoded = TestServer.Decode(await padded.Content.ReadAsByteArrayAsync());
        Assert.Equal((28, 28), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task Takes_the_image_from_a_multipart_form_as_a_browser_sends_it()
    {
        await using var server = await TestServer.StartAsync();
        var png = TestServer.Png(variant: 5);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(png) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png") } }, "image", "sneaker.png" },
        };

        using var fromForm = await server.Http.PostAsync($"models/{Model}/translate", form);
        using var fromBody = await server.TranslateAsync(Model, png);

        Assert.Equal(System.Net.HttpStatusCode.OK, fromForm.StatusCode);
        Assert.Equal(await fromBody.Content.ReadAsByteArrayAsync(), await fromForm.Content.ReadAsByteArrayAsync());
    }

    // The same image through a TranslateImages pipeline, read into floats by the codec its transform reads MLImage with.
    private static byte[] TranslateThroughMlNet(byte[] png, string translator)
    {
        var file = CommittedExports.File(Model, translator);
        var range = Pipeline.Inference.ExportedModelFiles.Metadata(file).ValueRange!.Value;
        var codec = new PixelCodec(1, 28, 28, (float)range.Min, (float)range.Max);
        using var bitmap = TestServer.Decode(png);
        using var source = MLImage.CreateFromPixels(28, 28, MLPixelFormat.Bgra32, bitmap.Bytes);
        var pixels = new float[codec.Size];
        codec.Read(source, pixels, "source", 0);
        var ml = new MLContext(0);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Source)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, codec.Size);
        var data = ml.Data.LoadFromEnumerable([new Row { Source = pixels }], schema);
        using var transformer = ml.Transforms.TranslateImages("Translated", file, nameof(Row.Source)).Fit(data);
        using var translated = transformer.Transform(data).GetColumn<MLImage>("Translated").Single();
        return translated.Pixels.ToArray();
    }

    private sealed class Row
    {
        public float[] Source { get; set; } = [];
    }
}
