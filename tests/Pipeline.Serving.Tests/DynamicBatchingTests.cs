namespace Pipeline.Serving.Tests;

/// <summary>Concurrent requests of one model share ONNX Runtime runs, and get the pixels they would get alone.</summary>
public sealed class DynamicBatchingTests
{
    private const string Model = "sneaker2boot-fashion28";

    [Fact]
    public async Task Sixteen_concurrent_translations_share_runs_and_match_the_unbatched_pixels()
    {
        // Given a batching server and one that runs each request alone. The window is wide so that 16 requests sent
        // together land in one window even on a loaded machine; what is checked is sharing, not speed.
        var images = Enumerable.Range(0, 16).Select(i => TestServer.Png(i)).ToArray();
        await using var batched = await TestServer.StartAsync(new ModelServerOptions(BatchWindowMilliseconds: 200));
        await using var alone = await TestServer.StartAsync(new ModelServerOptions(BatchWindowMilliseconds: 0));

        // When all 16 are sent at once to each
        var fromBatched = await Task.WhenAll(images.Select(image => Body(batched.TranslateAsync(Model, image))));
        var fromAlone = await Task.WhenAll(images.Select(image => Body(alone.TranslateAsync(Model, image))));

        // Then the batching server ran fewer runs than requests, the other one run per request, and the pixels agree
        var shared = batched.Metrics(Model);
        Assert.Equal((16, 16), (shared.Requests, shared.Images));
        Assert.True(shared.Runs < 16, $"16 concurrent requests took {shared.Runs} runs (largest {shared.LargestRun}).");
        Assert.Equal((16, 1), (alone.Metrics(Model).Runs, alone.Metrics(Model).LargestRun));
        for (var i = 0; i < images.Length; i++)
        {
            using var a = TestServer.Decode(fromBatched[i]);
            using var b = TestServer.Decode(fromAlone[i]);
            Assert.Equal(b.Bytes, a.Bytes);
        }
    }

    [Fact]
    public async Task A_generate_larger_than_the_batch_runs_in_full_batches()
    {
        await using var server = await TestServer.StartAsync(new ModelServerOptions(MaxBatch: 8));

        using var response = await server.GenerateAsync("cgan-fashion28", """{ "seed": 2, "count": 20 }""");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var metrics = server.Metrics("cgan-fashion28");
        Assert.Equal((1, 3, 20, 8), (metrics.Requests, metrics.Runs, metrics.Images, metrics.LargestRun));
    }

    private static async Task<byte[]> Body(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }
}
