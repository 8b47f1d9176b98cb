using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pipeline.Benchmarks.Reporting;

/// <summary>
/// Images/s, GFLOP/s and utilisation = MACs × 2 × images/s ÷ the GEMM peak at the same thread count, with the peak
/// the faster of the <see cref="GemmPeakBenchmarks"/> in the same run (a peak from another run would mix machine states).
/// MACs per image come from <see cref="ModelMacs"/>, which each engine benchmark fills from OnnxModelSummary.
/// A benchmark in the <see cref="Bf16Category"/> is divided by the bfloat16 GEMM peak instead, so that a
/// mixed-precision row is measured against what its arithmetic can reach.
/// </summary>
public static class ThroughputColumns
{
    /// <summary>The benchmark category of bfloat16 work: the bf16 GEMM and the rows whose peak it is.</summary>
    public const string Bf16Category = "bf16";

    /// <summary>The three columns.</summary>
    public static IColumn[] All { get; } =
    [
        new Column("images/s", "Images per second: batch ÷ mean time per batch", (summary, benchmark) =>
            ImagesPerSecond(summary, benchmark) is { } rate ? rate.ToString("N0") : "-"),
        new Column("GFLOP/s", "MACs × 2 × images/s (engines) or 2·1024³ ÷ time (GEMM)", (summary, benchmark) =>
            GigaFlops(summary, benchmark) is { } flops ? flops.ToString("N1") : "-"),
        new Column("% GEMM peak", "GFLOP/s ÷ the faster GEMM benchmark's GFLOP/s of the same precision (fp32, or bf16 for bf16 rows) at the same thread count, same run", (summary, benchmark) =>
            Utilisation(summary, benchmark) is { } share ? share.ToString("P0") : "-"),
    ];

    internal static double? MeanSeconds(Summary summary, BenchmarkCase benchmark) =>
        summary[benchmark]?.ResultStatistics?.Mean is { } nanoseconds ? nanoseconds * 1e-9 : null;

    internal static int? IntParameter(BenchmarkCase benchmark, string name) =>
        benchmark.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value is int value ? value : null;

    internal static double? ImagesPerSecond(Summary summary, BenchmarkCase benchmark) =>
        IntParameter(benchmark, "Batch") is { } batch && MeanSeconds(summary, benchmark) is { } seconds ? batch / seconds : null;

    internal static double? GigaFlops(Summary summary, BenchmarkCase benchmark)
    {
        if (benchmark.Descriptor.Type == typeof(GemmPeakBenchmarks))
        {
            return MeanSeconds(summary, benchmark) is { } seconds ? GemmPeakBenchmarks.Flops / seconds * 1e-9 : null;
        }

        return ModelMacs.PerImage(benchmark.Descriptor.Type) is { } macs && ImagesPerSecond(summary, benchmark) is { } rate
            ? macs * 2.0 * rate * 1e-9
            : null;
    }

    internal static double? Utilisation(Summary summary, BenchmarkCase benchmark)
    {
        var threads = IntParameter(benchmark, "Threads");
        var bf16 = IsBf16(benchmark);
        var peak = summary.BenchmarksCases
            .Where(b => b.Descriptor.Type == typeof(GemmPeakBenchmarks) && IntParameter(b, "Threads") == threads && IsBf16(b) == bf16)
            .Select(b => GigaFlops(summary, b))
            .Max();
        return peak is { } p && GigaFlops(summary, benchmark) is { } flops ? flops / p : null;
    }

    internal static bool IsBf16(BenchmarkCase benchmark) => benchmark.Descriptor.Categories.Contains(Bf16Category);

    private sealed class Column(string name, string legend, Func<Summary, BenchmarkCase, string> value) : IColumn
    {
        public string Id => $"{nameof(ThroughputColumns)}.{name}";

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
