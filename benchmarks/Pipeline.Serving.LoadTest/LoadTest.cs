using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Pipeline.Serving;
using SkiaSharp;

namespace Pipeline.Serving.LoadTest;

/// <summary>
/// Fires requests at one model of an in-process <see cref="ModelServer"/> (loopback HTTP, real Kestrel): a 28x28 PNG to
/// a translator, or <c>{"seed": n}</c> (one image) to a generator or decoder; reports images/s and p50/p99 latency per
/// number of concurrent clients, with batching on and off. Client and server share the machine's
/// cores, as they would on a single-box deployment; figures from a shared or loaded machine are noise.
/// </summary>
internal static class LoadTest
{
    public static async Task<int> Main(string[] args)
    {
        var options = Arguments.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: Pipeline.Serving.LoadTest [--models onnx] [--model sneaker2boot-fashion28] [--requests 1000] [--clients 1,8,32] [--window-ms 5] [--max-batch 64] [--threads 0]");
            return 2;
        }

        var images = Enumerable.Range(0, 16).Select(Picture).ToArray();
        var model = options.Model;
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}; {options.Requests} requests per row at {model}");
        Console.WriteLine("| batching | clients | images/s | p50 ms | p99 ms | runs | images per run |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var window in new[] { options.WindowMs, 0 })
        {
            await using var server = await ModelServer.StartAsync(new ModelServerOptions(options.Models, Port: 0, BatchWindowMilliseconds: window, MaxBatch: options.MaxBatch, Threads: options.Threads));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = server.Address };
            var verb = server.Models.SingleOrDefault(m => m.Name == model)?.Verb
                ?? throw new ArgumentException($"--model {model}: not a served model; served: {string.Join(", ", server.Models.Where(m => m.Verb is not null).Select(m => m.Name))}.");
            HttpContent Request(int i) => verb == "translate"
                ? new ByteArrayContent(images[i % images.Length]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }
                : new StringContent($"{{\"seed\": {i}}}", System.Text.Encoding.UTF8, "application/json");
            var url = $"models/{model}/{verb}";
            await Fire(http, url, Request, clients: 4, requests: 64); // warm-up: connections, sessions, JIT
            foreach (var clients in options.Clients)
            {
                var before = server.Metrics.Single(m => m.Model == model);
                var (elapsed, latencies) = await Fire(http, url, Request, clients, options.Requests);
                var after = server.Metrics.Single(m => m.Model == model);
                var runs = after.Runs - before.Runs;
                Array.Sort(latencies);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(window == 0 ? "off" : $"{window} ms window")} | {clients} | {options.Requests / elapsed.TotalSeconds:F0} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.99):F1} | {runs} | {(double)(after.Images - before.Images) / runs:F1} |"));
            }
        }

        return 0;
    }

    // Clients take request numbers from one counter until all are sent, so every row sends the same number.
    private static async Task<(TimeSpan Elapsed, double[] Latencies)> Fire(HttpClient http, string url, Func<int, HttpContent> request, int clients, int requests)
    {
        var latencies = new double[requests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using var content = request(i);
                using var response = await http.PostAsync(url, content);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return (clock.Elapsed, latencies);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // A 28x28 grey blob on black, different per index: the model's cost does not depend on the content.
    private static byte[] Picture(int index)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawOval(14, 14, 6 + (index % 7), 4 + (index % 5), paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
