using BenchmarkDotNet.Filters;
using Microsoft.ML.OnnxRuntime;
using Pipeline.MLNet;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The CUDA engine rows (ONNX Runtime's CUDA execution provider, our estimator on the GPU) run only where a build with
/// <c>-p:Accelerator=cuda</c> (Microsoft.ML.OnnxRuntime.Gpu) meets a usable GPU; elsewhere <see cref="Filter"/> leaves
/// them out of the run and <see cref="Why"/> says why, so a CPU machine's results hold no CUDA row at all.
/// </summary>
public static class CudaRows
{
    /// <summary>The text every CUDA row's description contains.</summary>
    public const string Marker = "CUDA";

    // The same probe our estimator makes before it runs on a GPU.
    private static readonly Lazy<string?> s_problem = new(() =>
    {
        using var options = new SessionOptions();
        return OnnxSessions.TryUseCuda(options, 0);
    });

    /// <summary>Whether the CUDA rows can run here.</summary>
    public static bool Available => s_problem.Value is null;

    /// <summary>Why the CUDA rows are left out, or null when they run.</summary>
    public static string? Why => s_problem.Value;

    /// <summary>Keeps every benchmark where CUDA is available, and every non-CUDA one elsewhere.</summary>
    public static IFilter Filter { get; } = new SimpleFilter(benchmark =>
        Available || !benchmark.Descriptor.WorkloadMethodDisplayInfo.Contains(Marker, StringComparison.Ordinal));
}
