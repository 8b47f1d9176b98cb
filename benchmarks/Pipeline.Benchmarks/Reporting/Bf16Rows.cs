using BenchmarkDotNet.Filters;
using Pipeline.Data.Hardware;

namespace Pipeline.Benchmarks.Reporting;

/// <summary>
/// The bf16 rows (<see cref="ThroughputColumns.Bf16Category"/>) run where the CPU computes bf16 natively
/// (avx512_bf16 or amx_bf16), or when <see cref="Switch"/> asks for them: elsewhere libtorch emulates bf16 and a GAN
/// step takes about 18 times as long as in fp32, minutes of run time that only show what `--precision auto` avoids.
/// </summary>
public static class Bf16Rows
{
    /// <summary>The switch that keeps the bf16 rows on a CPU without native bf16.</summary>
    public const string Switch = "--bf16";

    /// <summary>Set from the command line before BenchmarkDotNet starts.</summary>
    public static bool Forced { get; set; }

    /// <summary>Why the bf16 rows are left out, or null when they run.</summary>
    public static string? Why => CpuInstructionSets.Host.HasNativeBf16 || Forced
        ? null
        : $"this CPU has no native bf16 ({CpuInstructionSets.Host.Summary}); {Switch} runs them (emulated, about 18x slower than fp32)";

    /// <summary>Leaves the bf16 rows out where <see cref="Why"/> says so.</summary>
    public static IFilter Filter { get; } = new SimpleFilter(benchmark => Why is null || !ThroughputColumns.IsBf16(benchmark));
}
