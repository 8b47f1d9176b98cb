using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;
using Pipeline.MLNet;
using Pipeline.Onnx;

namespace Pipeline.Benchmarks.Cluster;

/// <summary>
/// Times the same generation job side by side within one run, repeated: the single-process ML.NET path
/// (<see cref="MlNetGeneration"/>), <see cref="LocalJobRunner"/> (the shard code without Orleans), clusters of 1, 2, 3…
/// in-process silos, and one silo at several shard sizes with a fixed batch (the slope of time over shard count is the
/// cost of one shard). Every round runs each path once, in a rotated order, so that load on a shared machine falls on
/// all of them; ratios are taken within a round.
/// </summary>
public sealed class ClusterBench(BenchSettings settings)
{
    /// <summary>Batch of the shard-size series: the smallest shard, so that every size runs the same batches.</summary>
    private int ShardBatch => settings.ShardSizes.Min();

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Starts the clusters, times every path on every model, stops them and returns the Markdown report.</summary>
    public async Task<string> RunAsync(CancellationToken cancellation)
    {
        var report = new StringBuilder();
        var runtime = OnnxRuntimeOptions.Default with { IntraOpThreads = settings.Threads };
        var loadBefore = LoadAverage();
        var clusters = new Dictionary<int, BenchCluster>();
        var wall = Stopwatch.StartNew();
        try
        {
            foreach (var silos in settings.Silos.Append(1).Distinct())
            {
                clusters[silos] = await BenchCluster.StartAsync(silos, runtime);
            }

            foreach (var model in settings.Models)
            {
                report.Append(await BenchModelAsync(model, runtime, clusters, cancellation));
            }
        }
        finally
        {
            foreach (var cluster in clusters.Values)
            {
                await cluster.DisposeAsync();
            }
        }

        var header = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {CpuModel()}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; run took {wall.Elapsed.TotalMinutes:F1} min; load average (1/5/15 min) {loadBefore} before, {LoadAverage()} after.")
            .AppendLine(CultureInfo.InvariantCulture, $"Settings: {settings.Images} images per run, {settings.Rounds} rounds, ONNX Runtime intra-op threads {(settings.Threads == 0 ? "one per core" : settings.Threads)}, batch {JobSpec.DefaultBatchSize} (shard-size series: batch {ShardBatch}, one shard in flight), shards in flight: two per silo. Silos are in this process, dev mode, loopback.")
            .AppendLine();
        return header.Append(report).ToString();
    }

    private async Task<string> BenchModelAsync(string modelFile, OnnxRuntimeOptions runtime, Dictionary<int, BenchCluster> clusters, CancellationToken cancellation)
    {
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(modelFile)));
        var latent = metadata.LatentSize ?? throw new InvalidDataException($"{modelFile}: no {OnnxMetadataKeys.LatentSize} metadata; the bench generates from latents.");
        IReadOnlyList<int> labels = metadata.ClassCount is int classes ? Enumerable.Range(0, classes).ToArray() : [];
        var perLabel = Math.Max(1, settings.Images / Math.Max(1, labels.Count));
        var images = perLabel * Math.Max(1, labels.Count);
        var work = Path.Combine(settings.Output, Path.GetFileNameWithoutExtension(Path.GetDirectoryName(Path.GetFullPath(modelFile))) ?? "model");
        var spec = JobSpec.Generation(Path.GetFullPath(modelFile), work, labels, perLabel, seed: 1);
        using var mlNet = new MlNetGeneration(modelFile, latent, labels, perLabel, JobSpec.DefaultBatchSize);

        var paths = new List<(string Name, Func<string, Task> Run)>
        {
            ("ML.NET GenerateImages, single process", folder => Task.FromResult(mlNet.Run(folder, seed: 1))),
            ("LocalJobRunner (shard code, no Orleans)", folder => Task.FromResult(LocalJobRunner.Run(spec with { OutputDirectory = folder }, runtime, cancellation))),
        };
        paths.AddRange(settings.Silos.Select(k => (Name: $"{k} silo{(k == 1 ? string.Empty : "s")}", Run: (Func<string, Task>)(folder => JobAsync(clusters[k], spec with { OutputDirectory = folder }, cancellation)))));
        var shardPaths = settings.ShardSizes.Select(s => (Name: $"1 silo, shard {s}, batch {ShardBatch}, one in flight", Run: (Func<string, Task>)(folder =>
            JobAsync(clusters[1], spec with { OutputDirectory = folder, ShardSize = s, BatchSize = ShardBatch, Parallelism = 1 }, cancellation)))).ToArray();
        var all = paths.Concat(shardPaths).ToArray();

        // Warm-up, untimed: JIT, sessions on every silo (small shards reach each of them), file system.
        foreach (var (name, run) in all)
        {
            await run(Fresh(work, "warmup"));
        }

        var seconds = all.ToDictionary(p => p.Name, _ => new List<double>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var i = 0; i < all.Length; i++)
            {
                var (name, run) = all[(i + round) % all.Length];
                var folder = Fresh(work, "timed");
                var watch = Stopwatch.StartNew();
                await run(folder);
                seconds[name].Add(watch.Elapsed.TotalSeconds);
                cancellation.ThrowIfCancellationRequested();
            }

            Console.WriteLine($"{Path.GetFileName(modelFile)}: round {round + 1}/{settings.Rounds} done");
        }

        Directory.Delete(work, recursive: true);
        return Report(modelFile, metadata, images, paths.Select(p => p.Name).ToArray(), seconds, spec);
    }

    private string Report(string modelFile, OnnxModelMetadata metadata, int images, string[] engines, Dictionary<string, List<double>> seconds, JobSpec spec)
    {
        var text = new StringBuilder();
        var baseline = seconds[engines[0]];
        text.AppendLine(CultureInfo.InvariantCulture, $"### {modelFile} ({metadata.Role}, {metadata.ImageChannels}x{metadata.ImageHeight}x{metadata.ImageWidth}, {images} images per run)")
            .AppendLine()
            .AppendLine("| path | images/s (median) | min – max | × ML.NET (median of per-round ratios) | ratio min – max |")
            .AppendLine("|---|---:|---:|---:|---:|");
        foreach (var name in engines)
        {
            var rates = seconds[name].Select(s => images / s).ToArray();
            var ratios = seconds[name].Zip(baseline, (s, b) => b / s).ToArray();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(rates):F0} | {rates.Min():F0} – {rates.Max():F0} | {Median(ratios):F2} | {ratios.Min():F2} – {ratios.Max():F2} |");
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Shard overhead (1 silo, same {images} images, batch {ShardBatch} in every shard size, one shard in flight so shards run one after another):")
            .AppendLine()
            .AppendLine("| shard size | shards | seconds (median) | min – max | images/s |")
            .AppendLine("|---:|---:|---:|---:|---:|");
        var points = new List<(double Shards, double Seconds)>();
        foreach (var size in settings.ShardSizes)
        {
            var shards = (images + size - 1) / size;
            var times = seconds[$"1 silo, shard {size}, batch {ShardBatch}, one in flight"];
            points.AddRange(times.Select(t => ((double)shards, t)));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {size} | {shards} | {Median(times):F3} | {times.Min():F3} – {times.Max():F3} | {images / Median(times):F0} |");
        }

        var (slope, intercept) = Fit(points);
        var perImage = intercept / images;
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Least-squares fit over all {points.Count} runs: time = {intercept:F3} s + {slope * 1000:F2} ms × shards, i.e. **{slope * 1000:F2} ms per shard** (grain calls, a state write, a batch runner per shard), {perImage * 1e6:F0} µs per image of work.")
            .AppendLine();

        // On paper: a machine of this kind runs one silo at the 1-silo rate; the job grain is one activation, so its
        // share of each shard's cost (bounded above by the whole measured overhead) caps the cluster at S / overhead.
        var oneSilo = Median(seconds[engines.First(e => e.StartsWith("1 silo", StringComparison.Ordinal))].Select(s => images / s).ToArray());
        var ceiling = slope > 0 ? spec.ShardSize / slope : double.PositiveInfinity;
        text.AppendLine(CultureInfo.InvariantCulture, $"On paper, N machines like this one (one silo each, shards of {spec.ShardSize}): N × {oneSilo:F0} images/s while the job grain keeps up; if all of the {slope * 1000:F2} ms per shard were serial work in the job grain, it would cap a job at {spec.ShardSize} / {slope * 1000:F2} ms ≈ {ceiling:F0} images/s.")
            .AppendLine()
            .AppendLine("| machines | images/s (N × one silo) | capped by the job grain (upper bound on its cost) |")
            .AppendLine("|---:|---:|---:|");
        foreach (var n in new[] { 1, 2, 4, 8, 16, 32, 64 })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {n} | {n * oneSilo:F0} | {Math.Min(n * oneSilo, ceiling):F0} |");
        }

        return text.AppendLine().ToString();
    }

    private static async Task JobAsync(BenchCluster cluster, JobSpec job, CancellationToken cancellation)
    {
        var id = await ClusterJobs.SubmitAsync(cluster.Connection.Client, job, cancellation: cancellation);
        await ClusterJobs.AttachAsync(cluster.Connection.Client, id, pollInterval: Poll, cancellation: cancellation);
    }

    private static string Fresh(string work, string name)
    {
        var folder = Path.Combine(work, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return folder;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static (double Slope, double Intercept) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        var slope = sxx > 0 ? points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx : 0;
        return (slope, my - (slope * mx));
    }

    private static string CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>What the cluster bench measures (<see cref="ClusterTiming"/> reads it from the command line).</summary>
/// <param name="Models">Exported generator or decoder .onnx files.</param>
/// <param name="Images">Images per timed run.</param>
/// <param name="Rounds">Rounds; each runs every path once, in a rotated order.</param>
/// <param name="Silos">Cluster sizes to time.</param>
/// <param name="ShardSizes">Shard sizes of the overhead series (one silo, batch = the smallest size).</param>
/// <param name="Threads">ONNX Runtime intra-op threads per session (0: one per core).</param>
/// <param name="Output">Work folder; the report goes to REPORT.md inside.</param>
public sealed record BenchSettings(IReadOnlyList<string> Models, int Images, int Rounds, IReadOnlyList<int> Silos, IReadOnlyList<int> ShardSizes, int Threads, string Output);
