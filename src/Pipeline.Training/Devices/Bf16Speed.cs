using System.Diagnostics;

namespace Pipeline.Training.Devices;

/// <summary>
/// A short timing of libtorch's bf16 matrix product against fp32 on this CPU: the measured slowdown a warning can
/// quote when bf16 is asked for where the CPU lacks bf16 instructions (AVX2-only EPYCs ran it 18x slower).
/// </summary>
public static class Bf16Speed
{
    /// <summary>fp32 time / bf16 time of a 256³ product, best of a few (above 1: bf16 is faster). About 0.1 s where bf16 is emulated.</summary>
    public static double SpeedupOverFp32()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var a = randn(256, 256);
        var b = randn(256, 256);
        return Best(a, b) / Best(a.to(ScalarType.BFloat16), b.to(ScalarType.BFloat16));
    }

    private static double Best(Tensor a, Tensor b)
    {
        a.matmul(b).Dispose();                                          // first call: kernel selection, allocations
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }
}
