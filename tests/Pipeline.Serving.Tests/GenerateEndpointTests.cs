using System.Net;
using System.Net.Http.Json;

namespace Pipeline.Serving.Tests;

/// <summary><c>POST /models/{name}/generate</c> and <c>GET /models</c>.</summary>
public sealed class GenerateEndpointTests
{
    private const string Model = "cgan-fashion28";

    [Fact]
    public async Task The_same_request_gives_the_same_bytes()
    {
        await using var server = await TestServer.StartAsync();

        var first = await (await server.GenerateAsync(Model, """{ "class": 3, "seed": 7, "count": 16 }""")).Content.ReadAsByteArrayAsync();
        var again = await (await server.GenerateAsync(Model, """{ "class": 3, "seed": 7, "count": 16 }""")).Content.ReadAsByteArrayAsync();
        var otherSeed = await (await server.GenerateAsync(Model, """{ "class": 3, "seed": 8, "count": 16 }""")).Content.ReadAsByteArrayAsync();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        using var grid = TestServer.Decode(first);
        Assert.Equal((122, 122), (grid.Width, grid.Height)); // 4x4 cells of 28 with 2-pixel padding
    }

    [Fact]
    public async Task One_image_is_a_png_of_the_model_size_and_a_decoder_needs_no_class()
    {
        await using var server = await TestServer.StartAsync();

        using var one = await server.GenerateAsync(Model, """{ "class": 9, "seed": 1 }""");
        using var decoded = await server.GenerateAsync("vae-lecture", """{ "seed": 1, "count": 4 }""");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        using var image = TestServer.Decode(await one.Content.ReadAsByteArrayAsync());
        Assert.Equal((28, 28), (image.Width, image.Height));
        Assert.Equal(HttpStatusCode.OK, decoded.StatusCode);
    }

    [Fact]
    public async Task Samples_an_autoregressive_model_the_same_way_twice()
    {
        await using var server = await TestServer.StartAsync();

        using var first = await server.GenerateAsync("pixelcnn-fashion28", """{ "class": 7, "seed": 3, "count": 2 }""");
        using var again = await server.GenerateAsync("pixelcnn-fashion28", """{ "class": 7, "seed": 3, "count": 2 }""");

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        using var grid = TestServer.Decode(bytes);
        Assert.Equal((62, 32), (grid.Width, grid.Height)); // 2 columns of 28 with 2-pixel padding, one row
    }

    [Fact]
    public async Task Lists_every_model_with_its_role_shapes_and_classes()
    {
        await using var server = await TestServer.StartAsync();

        var models = await server.Http.GetFromJsonAsync<ModelDescription[]>("models");

        Assert.NotNull(models);
        // every export folder once, and the CycleGAN's second direction under a name of its own
        Assert.Equal(Directory.GetDirectories(TestServer.ModelsFolder).Length + 1, models.Length);
        var cgan = models.Single(m => m.Name == Model);
        Assert.Equal(("generator", "generate"), (cgan.Role, cgan.Verb));
        Assert.Equal([128], cgan.InputShape);
        Assert.Equal([1, 28, 28], cgan.OutputShape);
        Assert.Equal(10, cgan.Classes?.Count);
        Assert.Equal("translate", models.Single(m => m.Name == "sneaker2boot-fashion28").Verb);
        Assert.Equal(("translate", "ankle boot → sneaker"), models.Single(m => m.Name == "sneaker2boot-fashion28-b2a") is var b2a ? (b2a.Verb, b2a.Task) : default);
        var pixelCnn = models.Single(m => m.Name == "pixelcnn-fashion28");
        Assert.Equal(("autoregressive", "generate"), (pixelCnn.Role, pixelCnn.Verb));
        Assert.Equal([1, 28, 28], pixelCnn.OutputShape);
    }
}
