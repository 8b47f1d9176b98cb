using Pipeline.MLNet;
using Pipeline.Serving.Batching;
using Pipeline.Serving.Models;

namespace Pipeline.Serving.Tests;

/// <summary>
/// When the batcher closes its window: with a window of ten minutes, a request that is answered at all was answered
/// because nobody else was on the way in, and two requests in one run were waited for.
/// </summary>
public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan s_longWindow = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_guard = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_lone_request_does_not_wait_the_window_out()
    {
        using var model = Translator();
        await using var batcher = new DynamicBatcher(model, s_longWindow, maxBatch: 64);

        using var arrival = batcher.Arrive();
        var output = await arrival.RunAsync(new float[model.InputCodec!.Size], null, 1).WaitAsync(s_guard);

        Assert.Equal(model.OutputCodec!.Size, output.Length);
        Assert.Equal(1, batcher.Metrics.Snapshot("m").Runs);
    }

    [Fact]
    public async Task A_request_still_being_read_is_waited_for()
    {
        // Given two requests that have arrived, the second not yet queued (its body still being read)
        using var model = Translator();
        await using var batcher = new DynamicBatcher(model, s_longWindow, maxBatch: 64);
        using var first = batcher.Arrive();
        using var second = batcher.Arrive();

        // When the first is queued, and the second only a moment later
        var firstOutput = first.RunAsync(new float[model.InputCodec!.Size], null, 1);
        await Task.Delay(200);
        var secondOutput = second.RunAsync(new float[model.InputCodec.Size], null, 1);
        await Task.WhenAll(firstOutput, secondOutput).WaitAsync(s_guard);

        // Then both ran in one run
        var metrics = batcher.Metrics.Snapshot("m");
        Assert.Equal((2, 1, 2), (metrics.Requests, metrics.Runs, metrics.Images));
    }

    private static ServedModel Translator() =>
        ServedModel.Load(CommittedExports.File("sneaker2boot-fashion28"), "", OnnxRuntimeOptions.Default with { IntraOpThreads = 1 })!;
}
