using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>Creates the one ONNX Runtime session a transformer keeps, choosing CUDA or the CPU.</summary>
internal static class OnnxSessions
{
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>Whether the loaded ONNX Runtime native library has the CUDA provider (only the Gpu package does).</summary>
    public static bool CudaAvailable => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider);

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
            string? problem = null;
            if (!CudaAvailable)
            {
                problem = $"ONNX Runtime has no {CudaProvider} here (providers: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}); build with -p:Accelerator=cuda to get Microsoft.ML.OnnxRuntime.Gpu";
            }
            else
            {
                try
                {
                    options.AppendExecutionProvider_CUDA(device);
                    provider = $"CUDA:{device}";
                }
                catch (Exception ex) when (ex is EntryPointNotFoundException or OnnxRuntimeException or DllNotFoundException)
                {
                    // The CPU package lacks the CUDA entry point; a GPU package without a usable driver throws OnnxRuntimeException.
                    problem = $"CUDA device {device} could not be used: {ex.Message}";
                }
            }

            if (problem is not null)
            {
                if (!o.FallbackToCpu)
                {
                    throw new InvalidOperationException($"{model.Source}: GpuDeviceId = {device} was asked for with FallbackToCpu = false, but {problem}.");
                }

                var warning = $"{model.Source}: running on the CPU: {problem}.";
                if (o.Warn is { } warn)
                {
                    warn(warning);
                }
                else
                {
                    Trace.TraceWarning(warning);
                }
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
