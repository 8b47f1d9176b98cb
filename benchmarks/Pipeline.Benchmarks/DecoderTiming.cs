using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Pipeline.MLNet;

namespace Pipeline.Benchmarks;

/// <summary>
/// <c>--decoder-timing [--repeats R] [--passes P]</c>: <see cref="MlNetDecoderBenchmarks"/>'s rows interleaved in one
/// process — raw ONNX Runtime, then our transform as shipped, then our transform with other ONNX Runtime settings —
/// P passes over the 4,096 rows each, R times over, so that every row sees the same machine load (a busy loop on
/// another core, a build). Prints each repetition's ratio to raw and the medians, with the load average.
/// </summary>
public static class DecoderTiming
{
    public const string Switch = "--decoder-timing";

    public static int Run(string[] args)
    {
        var named = args.Zip(args.Skip(1)).Where(p => p.First.StartsWith("--", StringComparison.Ordinal)).ToDictionary(p => p.First, p => p.Second);
        var repeats = named.TryGetValue("--repeats", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        var passes = named.TryGetValue("--passes", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 20;
        var bench = new MlNetDecoderBenchmarks();
        bench.Setup();
        try
        {
            var ml = new MLContext(seed: 0);
            var variants = new List<(string Name, Func<float> Read)>
            {
                ("ONNX Runtime, batches of 64", bench.RawOnnxRuntime),
                ("ours, as shipped", bench.Ours),
            };
            using var quietSession = bench.OpenSession(spinning: false);
            variants.Add(("ONNX Runtime, batches of 64, no spinning", () => bench.RawOnnxRuntime(quietSession)));
            foreach (var (name, runtime) in Variants())
            {
                var transformer = ml.Transforms.DecodeFromLatent(new DecodeFromLatentOptions { ModelFile = bench.DecoderFile, OutputColumnName = "Decoded", InputColumnName = "z", Runtime = runtime }).Fit(bench.Data);
                variants.Add((name, () => CursorReads.ReadAll(transformer.Transform(bench.Data), "Decoded")));
            }

            foreach (var (_, read) in variants)
            {
                read();     // first Runs allocate
            }

            // Finely interleaved (one pass of each in turn, the order rotated every repetition), so that a load that comes
            // and goes in seconds falls on every variant alike; a repetition's ratio is raw's time over the variant's.
            var seconds = variants.Select(_ => new double[repeats]).ToArray();
            for (var i = 0; i < repeats; i++)
            {
                for (var k = 0; k < passes; k++)
                {
                    for (var j = 0; j < variants.Count; j++)
                    {
                        var v = (i + j) % variants.Count;
                        var clock = Stopwatch.StartNew();
                        variants[v].Read();
                        seconds[v][i] += clock.Elapsed.TotalSeconds;
                    }
                }

                Console.WriteLine($"// #{i + 1} load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}: "
                    + string.Join(", ", variants.Select((x, v) => $"{x.Name} {seconds[0][i] / seconds[v][i]:F2}x")));
            }

            Console.WriteLine($"rows/s over all {repeats} x {passes} passes, and the ratio of total times to raw's (per-repetition ratios: median, min, max):");
            for (var v = 0; v < variants.Count; v++)
            {
                var ratios = Enumerable.Range(0, repeats).Select(i => seconds[0][i] / seconds[v][i]).Order().ToArray();
                var rate = repeats * passes * MlNetDecoderBenchmarks.Rows / seconds[v].Sum();
                Console.WriteLine($"  {variants[v].Name,-42} {rate,8:F0}  {seconds[0].Sum() / seconds[v].Sum():F2}x  ({ratios[repeats / 2]:F2}x, {ratios[0]:F2}x, {ratios[^1]:F2}x)");
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }

    private static IEnumerable<(string Name, OnnxRuntimeOptions Runtime)> Variants()
    {
        yield return ("ours, spinning (ONNX Runtime's default)", OnnxRuntimeOptions.Default with { IntraOpSpinning = true });
        yield return ("ours, 1 intra-op thread", OnnxRuntimeOptions.Default with { IntraOpThreads = 1 });
    }
}
