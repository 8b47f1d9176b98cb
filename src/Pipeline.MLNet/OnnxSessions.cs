using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>Creates the one ONNX Runtime session a transformer keeps, choosing CUDA or the CPU.</summary>
internal static class OnnxSessions
{
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>ONNX Runtime's session setting for <see cref="OnnxRuntimeOptions.IntraOpSpinning"/>.</summary>
    public const string SpinningKey = "session.intra_op.allow_spinning";

    /// <summary>Whether the loaded ONNX Runtime native library has the CUDA provider (only the Gpu package does).</summary>
    public static bool CudaAvailable => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider);

    /// <summary>Adds the CUDA execution provider on <paramref name="device"/> to <paramref name="options"/>; returns why it could not, or null.</summary>
    public static string? TryUseCuda(SessionOptions options, int device)
    {
        if (!CudaAvailable)
        {
            return $"ONNX Runtime has no {CudaProvider} here (providers: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}); build with -p:OnnxRuntimeAccelerator=cuda to get Microsoft.ML.OnnxRuntime.Gpu";
        }

        try
        {
            options.AppendExecutionProvider_CUDA(device);
            return null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or OnnxRuntimeException or DllNotFoundException)
        {
            // The CPU package lacks the CUDA entry point; a GPU package without the CUDA libraries or driver throws
            // OnnxRuntimeException, saying only "Failed to load shared library": the loader's own error names the library.
            return $"CUDA device {device} could not be used: {(ex is OnnxRuntimeException && CudaProviderLoadError() is { } loader ? loader : ex.Message)}";
        }
    }

    /// <summary>ONNX Runtime's CUDA provider library as the Gpu package names it.</summary>
    public static string CudaProviderFile => OperatingSystem.IsWindows() ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";

    /// <summary>
    /// Why the native loader refuses ONNX Runtime's CUDA provider library, found beside the app where the Gpu package
    /// puts it, e.g. "libonnxruntime_providers_cuda.so cannot be loaded: libcublasLt.so.13: cannot open shared object
    /// file: No such file or directory"; null when it loads or is not there.
    /// </summary>
    public static string? CudaProviderLoadError()
    {
        var folders = new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native") };
        foreach (var path in folders.Select(folder => Path.Combine(folder, CudaProviderFile)).Where(File.Exists))
        {
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(path));
                return null;
            }
            catch (DllNotFoundException ex)
            {
                // .NET's message is advice around the loader's; the loader's (dlerror) is its last line.
                var lines = ex.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var loader = lines.LastOrDefault(line => line != ".") ?? ex.Message;
                return $"{CudaProviderFile} cannot be loaded: {loader.TrimEnd('.')} (install the CUDA libraries this ONNX Runtime version needs, or run on the CPU)";
            }
        }

        return null;
    }

    /// <summary>
    /// ONNX Runtime's first native call. This package references ONNX Runtime's managed API only, as ML.NET's
    /// OnnxTransformer does, so that the app chooses the native flavour; an app that chose none is told which to add.
    /// </summary>
    private static SessionOptions NewSessionOptions()
    {
        try
        {
            return new SessionOptions();
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex.InnerException is DllNotFoundException)
        {
            throw new InvalidOperationException(
                "ONNX Runtime's native library (onnxruntime) is not in this app. Add one native ONNX Runtime package to the app's project: "
                + "Microsoft.ML.OnnxRuntime for the CPU, or Microsoft.ML.OnnxRuntime.Gpu for CUDA (the GenerativeNet libraries, like ML.NET's "
                + "OnnxTransformer, reference only its managed API so that the app picks the flavour).",
                ex);
        }
    }

    public static (InferenceSession Session, string Provider) Create(GenerativeOnnxModel model, OnnxRuntimeOptions o) => Create(model.Source, model.Bytes, o);

    /// <summary>A session over bytes that are not a file of ours (a graph rewritten in memory), named by <paramref name="source"/> in errors.</summary>
    public static (InferenceSession Session, string Provider) Create(string source, byte[] bytes, OnnxRuntimeOptions o)
    {
        using var options = NewSessionOptions();
        options.GraphOptimizationLevel = o.OptimizationLevel;
        options.IntraOpNumThreads = o.IntraOpThreads;
        options.InterOpNumThreads = o.InterOpThreads;
        if (o.IntraOpSpinning is { } spinning)
        {
            options.AddSessionConfigEntry(SpinningKey, spinning ? "1" : "0");
        }

        var provider = "CPU";
        if (o.GpuDeviceId is int device)
        {
            if (TryUseCuda(options, device) is not { } problem)
            {
                provider = $"CUDA:{device}";
            }
            else if (!o.FallbackToCpu)
            {
                throw new InvalidOperationException($"{source}: GpuDeviceId = {device} was asked for with FallbackToCpu = false, but {problem}.");
            }
            else if (o.Warn is { } warn)
            {
                warn($"{source}: running on the CPU: {problem}.");
            }
            else
            {
                Trace.TraceWarning($"{source}: running on the CPU: {problem}.");
            }
        }

        try
        {
            return (new InferenceSession(bytes, options), provider);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{source}: ONNX Runtime cannot load the model: {ex.Message}", ex);
        }
    }
}
