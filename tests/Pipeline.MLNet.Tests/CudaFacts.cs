namespace Pipeline.MLNet.Tests;

/// <summary>A fact that runs only where ONNX Runtime has the CUDA provider (the Gpu package and a GPU), like ML.NET's <c>[OnnxFact]</c>.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!OnnxSessions.CudaAvailable)
        {
            Skip = "ONNX Runtime has no CUDAExecutionProvider here (build with -p:OnnxRuntimeAccelerator=cuda on a machine with a GPU).";
        }
    }
}

/// <summary>A fact about the CPU-only case: skipped (not silently passed) where the CUDA provider exists.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (OnnxSessions.CudaAvailable)
        {
            Skip = "ONNX Runtime has the CUDAExecutionProvider here; the CUDA path is covered by the [CudaFact] tests.";
        }
    }
}
