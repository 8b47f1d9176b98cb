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

    /// <summary>Batch sizes the engine benchmarks run.</summary>
    public static IEnumerable<int> Batches => Quick ? [64] : [1, 16, 64, 256];

    /// <summary>Thread counts given to TorchSharp and ONNX Runtime (ML.NET's included).</summary>
    public static IEnumerable<int> ThreadCounts => Quick ? [2] : [1, 2];

    /// <summary>Consumes <see cref="QuickSwitch"/>; without a --filter, the quick run selects the engines and the GEMM peak.</summary>
    public static string[] Parse(string[] args)
    {
        Quick = args.Contains(QuickSwitch);
        var rest = args.Where(a => a != QuickSwitch).ToList();
        if (Quick && !rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*EngineBenchmarks*", "*GemmPeakBenchmarks*"]);
        }

        return [.. rest];
    }

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
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
            .AddColumn(ThroughputColumns.All)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)
            .WithOptions(ConfigOptions.JoinSummary); // one table, so the utilisation column sees the GEMM peak of the same run
    }
}
