namespace Pipeline.Training;

/// <summary>Tensor values as a managed array, for image grids and files written outside libtorch.</summary>
public static class TensorPixels
{
    /// <summary>Copies a tensor's values to a managed array (moving it to the CPU first), in row-major order.</summary>
    public static float[] ToArray(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }
}
