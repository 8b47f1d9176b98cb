using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>Creates the one ONNX Runtime session a transformer keeps, choosing CUDA or the CPU.</summary>
internal static class OnnxSessions
{
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>Whether the loaded ONNX Runtime native library has the CUDA provider (only the Gpu package does).</summary>
    public static bool CudaAvailable => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider);

    /// <summary>Adds the CUDA execution provider on <paramref name="device"/> to <paramref name="options"/>; returns why it could not, or null.</summary>
    public static string? TryUseCuda(SessionOptions options, int device)
    {
        if (!CudaAvailable)
        {
            return $"ONNX Runtime has no {CudaProvider} here (providers: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}); build with -p:Accelerator=cuda to get Microsoft.ML.OnnxRuntime.Gpu";
        }

        try
        {
            options.AppendExecutionProvider_CUDA(device);
            return null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or OnnxRuntimeException or DllNotFoundException)
        {
            // The CPU package lacks the CUDA entry point; a GPU package without a usable driver throws OnnxRuntimeException.
            return $"CUDA device {device} could not be used: {ex.Message}";
        }
    }

    public static (InferenceSession Session, string Provider) Create(GenerativeOnnxModel model, OnnxRuntimeOptions o)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = o.OptimizationLevel,
            IntraOpNumThreads = o.IntraOpThreads,
            InterOpNumThreads = o.InterOpThreads,
        };
        var provider = "CPU";
        if (o.GpuDeviceId is int device)
        {
            if (TryUseCuda(options, device) is not { } problem)
            {
                provider = $"CUDA:{device}";
            }
            else if (!o.FallbackToCpu)
            {
                throw new InvalidOperationException($"{model.Source}: GpuDeviceId = {device} was asked for with FallbackToCpu = false, but {problem}.");
            }
            else if (o.Warn is { } warn)
            {
                warn($"{model.Source}: running on the CPU: {problem}.");
            }
            else
            {
                Trace.TraceWarning($"{model.Source}: running on the CPU: {problem}.");
            }
        }

        try
        {
            return (new InferenceSession(model.Bytes, options), provider);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{model.Source}: ONNX Runtime cannot load the model: {ex.Message}", ex);
        }
    }
}
