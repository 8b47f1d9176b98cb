using BenchmarkDotNet.Filters;
using Microsoft.ML.OnnxRuntime;
using Pipeline.MLNet;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The CUDA engine rows run only where they can: ONNX Runtime's CUDA execution provider and our estimator on the GPU
/// need a build with <c>-p:OnnxRuntimeAccelerator=cuda</c> (Microsoft.ML.OnnxRuntime.Gpu) and a usable GPU; TorchSharp
/// eager on the GPU needs a build with <c>-p:TorchAccelerator=cuda</c> (TorchSharp-cuda) and libtorch finding a device. Elsewhere <see cref="Filter"/> leaves them
/// out of the run and <see cref="Why"/> says why, so a CPU machine's results hold no CUDA row at all.
/// </summary>
public static class CudaRows
{
    /// <summary>The text every CUDA row's description contains.</summary>
    public const string Marker = "CUDA";

    /// <summary>The description of the TorchSharp eager row on GPU 0.</summary>
    public const string TorchSharpEager = "TorchSharp eager, " + Marker;

    // The same probe our estimator makes before it runs on a GPU.
    private static readonly Lazy<string?> s_onnxRuntimeProblem = new(() =>
    {
        using var options = new SessionOptions();
        return OnnxSessions.TryUseCuda(options, 0);
    });

    private static readonly Lazy<string?> s_torchProblem = new(() => TorchSharp.torch.cuda.is_available()
        ? null
        : "TorchSharp finds no CUDA device (it needs the -p:TorchAccelerator=cuda build's TorchSharp-cuda package and a GPU)");

    /// <summary>Whether the ONNX Runtime CUDA rows (the execution provider, our estimator on the GPU) can run here.</summary>
    public static bool Available => s_onnxRuntimeProblem.Value is null;

    /// <summary>Why CUDA rows are left out, or null when all of them run.</summary>
    public static string? Why => string.Join("; ", new[] { s_onnxRuntimeProblem.Value, s_torchProblem.Value }.OfType<string>()) is { Length: > 0 } why ? why : null;

    /// <summary>Keeps every non-CUDA benchmark, and each CUDA one whose engine finds a GPU.</summary>
    public static IFilter Filter { get; } = new SimpleFilter(benchmark =>
    {
        var description = benchmark.Descriptor.WorkloadMethodDisplayInfo;
        return !description.Contains(Marker, StringComparison.Ordinal)
            || (description.Contains(TorchSharpEager, StringComparison.Ordinal) ? s_torchProblem.Value is null : Available);
    });
}
