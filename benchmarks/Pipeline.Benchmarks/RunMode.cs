using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Pipeline.Benchmarks.Reporting;

namespace Pipeline.Benchmarks;

/// <summary>
/// The full run (every batch size and thread count) or the quick CI smoke run (<c>--quick</c>: batch 64, 2 threads,
/// a short job), and the BenchmarkDotNet configuration each uses.
/// </summary>
public static class RunMode
{
    /// <summary>The switch that selects the quick run.</summary>
    public const string QuickSwitch = "--quick";

    /// <summary>True for the quick smoke run. Read by the parameter sources, so it is set before BenchmarkDotNet starts.</summary>
    public static bool Quick { get; private set; }

    /// <summary>The switch that keeps one batch size (the next argument) of the run's, e.g. 64 for a run beside a CPU burner.</summary>
    public const string BatchSwitch = "--batch";

    /// <summary>The switch that keeps one thread count (the next argument) of the run's.</summary>
    public const string ThreadsSwitch = "--threads";

    private static int? _onlyBatch;
    private static int? _onlyThreads;

    /// <summary>Batch sizes the engine benchmarks run.</summary>
    public static IEnumerable<int> Batches => Only(Quick ? [64] : [1, 16, 64, 256], _onlyBatch);

    /// <summary>
    /// Batch sizes of the models of 20 M MACs per image or more (VQ-VAE-2, the PixelCNNs, pix2pix, CycleGAN): 64
    /// already fills both cores there, and a batch of 256 on every engine (ApplyOnnxModel row by row) at both thread
    /// counts would make them most of the full run's time. 256 stays for the cheap models (VAE, GAN, super-resolution).
    /// </summary>
    public static IEnumerable<int> HeavyBatches => Only(Quick ? [64] : [1, 16, 64], _onlyBatch);

    /// <summary>Thread counts given to TorchSharp and ONNX Runtime (ML.NET's included).</summary>
    public static IEnumerable<int> ThreadCounts => Only(Quick ? [2] : [1, 2], _onlyThreads);

    /// <summary>The switch naming the results file; the next argument is its path.</summary>
    public const string ResultsSwitch = "--results";

    /// <summary>
    /// Where the tables and plots go: benchmarks/RESULTS.md for a full run, BenchmarkDotNet.Artifacts/RESULTS-quick.md
    /// for a quick one (so that smoke numbers never land in the committed file by accident), or <see cref="ResultsSwitch"/>.
    /// </summary>
    public static string ResultsFile { get; private set; } = Path.Combine("benchmarks", "RESULTS.md");

    /// <summary>
    /// Consumes <see cref="QuickSwitch"/>, <see cref="ResultsSwitch"/>, <see cref="BatchSwitch"/>,
    /// <see cref="ThreadsSwitch"/> and <see cref="Bf16Rows.Switch"/>; without a --filter, the quick run selects the engines and the GEMM peak.
    /// </summary>
    public static string[] Parse(string[] args)
    {
        Quick = args.Contains(QuickSwitch);
        Bf16Rows.Forced = args.Contains(Bf16Rows.Switch);
        var rest = args.Where(a => a != QuickSwitch && a != Bf16Rows.Switch).ToList();
        ResultsFile = Quick ? Path.Combine("BenchmarkDotNet.Artifacts", "RESULTS-quick.md") : ResultsFile;
        ResultsFile = Take(rest, ResultsSwitch) ?? ResultsFile;
        _onlyBatch = Take(rest, BatchSwitch) is { } batch ? PositiveInt(BatchSwitch, batch) : null;
        _onlyThreads = Take(rest, ThreadsSwitch) is { } threads ? PositiveInt(ThreadsSwitch, threads) : null;
        if (Quick && !rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*EngineBenchmarks*", "*GemmPeakBenchmarks*"]);
        }

        return [.. rest];
    }

    // The value after a switch, removed from the arguments together with it; null when the switch is absent.
    private static string? Take(List<string> rest, string name)
    {
        var index = rest.IndexOf(name);
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= rest.Count)
        {
            throw new ArgumentException($"{name} needs a value after it.");
        }

        var value = rest[index + 1];
        rest.RemoveRange(index, 2);
        return value;
    }

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number, got '{text}'.");

    // A run restricted to one value keeps it only where the model runs it (a heavy model has no batch 256).
    private static IEnumerable<int> Only(int[] values, int? only) => only is { } one ? values.Where(v => v == one) : values;

    /// <summary>
    /// How long one benchmark may run in process: an hour, where BenchmarkDotNet allows 5 minutes, because an amortised
    /// StyleGAN2 training operation is 16 steps of seconds each and its jitting, warm-up and iterations take longer.
    /// </summary>
    public static TimeSpan InProcessTimeout { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// In-process (BenchmarkDotNet's usual out-of-process toolchain builds a generated copy of this project whose
    /// libtorch shim the build has not made loadable on older libstdc++, see build/WeakenMissingGlibcxxVersion.cs),
    /// with jobs short enough that the full run fits in minutes on a shared machine, and the throughput columns.
    /// </summary>
    public static IConfig Config()
    {
        var job = Quick
            ? Job.Default.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))
            : Job.Default.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(150));
        return DefaultConfig.Instance
            .AddJob(job.WithToolchain(new InProcessEmitToolchain(InProcessTimeout, logOutput: true)).AsDefault())
            .AddColumn(ThroughputColumns.All)
            .AddFilter(Engines.CudaRows.Filter)
            .AddFilter(Bf16Rows.Filter)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)
            .WithOptions(ConfigOptions.JoinSummary); // one table, so the utilisation column sees the GEMM peak of the same run
    }
}
