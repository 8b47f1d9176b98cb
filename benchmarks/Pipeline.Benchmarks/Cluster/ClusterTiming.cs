using System.Globalization;
using System.Text;
using Pipeline.Data;

namespace Pipeline.Benchmarks.Cluster;

/// <summary>
/// <c>--cluster [--model FILE...] [--images N] [--rounds N] [--silos K...] [--shard-sizes S...] [--threads N] [--out DIR]</c>:
/// images/s of the single-process ML.NET path, <c>LocalJobRunner</c>, 1..k in-process silos and one silo at several
/// shard sizes, side by side (<see cref="ClusterBench"/>), as a Markdown report written to DIR/REPORT.md and printed.
/// Plain stopwatch timing over whole jobs with the paths rotated within each round: a job is seconds long and needs a
/// running cluster, which BenchmarkDotNet's jobs do not fit.
/// </summary>
public static class ClusterTiming
{
    /// <summary>The switch that selects this runner.</summary>
    public const string Switch = "--cluster";

    private static readonly string[] s_names = ["--model", "--images", "--rounds", "--silos", "--shard-sizes", "--threads", "--out"];

    /// <summary>Runs the bench; returns the process's exit code (2 for a bad argument, named on standard error).</summary>
    public static int Run(string[] args)
    {
        BenchSettings settings;
        try
        {
            settings = Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }

        var report = new ClusterBench(settings).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        var path = Path.Combine(settings.Output, "REPORT.md");
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(report)));
        Console.WriteLine(report);
        Console.WriteLine($"wrote cluster bench report: {path}");
        return 0;
    }

    /// <summary>The settings <paramref name="args"/> give (after <see cref="Switch"/>), each checked; an <see cref="ArgumentException"/> names a bad one.</summary>
    public static BenchSettings Parse(string[] args)
    {
        var values = Values(args.Where(a => a != Switch).ToArray());
        var models = values.TryGetValue("--model", out var given) ? given
            : [Path.Combine("onnx", "cgan-fashion28", "generator.onnx"), Path.Combine("onnx", "vae-lecture", "decoder.onnx")];
        if (models.FirstOrDefault(m => !File.Exists(m)) is { } missing)
        {
            throw new ArgumentException($"--model {missing}: no such file.");
        }

        var shardSizes = Ints(values, "--shard-sizes", [4, 16, 64, 256, 1024], 1, 1 << 20);
        if (shardSizes.Length < 2)
        {
            throw new ArgumentException("--shard-sizes needs at least two sizes to fit the cost of a shard.");
        }

        return new BenchSettings(
            models,
            Int(values, "--images", 4096, 16),
            Int(values, "--rounds", 3, 1),
            Ints(values, "--silos", [1, 2, 3], 1, 16),
            shardSizes,
            Int(values, "--threads", 0, 0),
            Path.GetFullPath(values.TryGetValue("--out", out var output) ? output.Single() : Path.Combine("runs", "cluster-bench")));
    }

    // Each option's values: the arguments up to the next option.
    private static Dictionary<string, string[]> Values(string[] args)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length;)
        {
            var name = args[i];
            if (!s_names.Contains(name))
            {
                throw new ArgumentException($"{name}: not an option of {Switch} (its options: {string.Join(", ", s_names)}).");
            }

            var taken = args.Skip(i + 1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
            values[name] = taken.Length > 0 ? taken : throw new ArgumentException($"{name} needs a value after it.");
            i += 1 + taken.Length;
        }

        return values;
    }

    private static int[] Ints(Dictionary<string, string[]> values, string name, int[] fallback, int minimum, int maximum)
    {
        if (!values.TryGetValue(name, out var texts))
        {
            return fallback;
        }

        return texts.Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= minimum && v <= maximum
            ? v
            : throw new ArgumentException($"{name} takes whole numbers in {minimum}..{maximum}, got '{t}'.")).ToArray();
    }

    private static int Int(Dictionary<string, string[]> values, string name, int fallback, int minimum) =>
        Ints(values, name, [fallback], minimum, int.MaxValue) is [var one] ? one : throw new ArgumentException($"{name} takes one value.");
}
