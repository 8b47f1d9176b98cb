using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// The machine's practical fp32 peak: a 1024³ matmul through libtorch (MKL), 2·1024³ FLOPs, at the thread counts the
/// engine benchmarks use. The utilisation column divides every engine's FLOP/s by this, measured in the same run.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("GEMM peak")]
public class GemmPeakBenchmarks
{
    /// <summary>Rows, columns and inner dimension of the product.</summary>
    public const int Size = 1024;

    /// <summary>FLOPs of one product (a multiply and an add per MAC).</summary>
    public const double Flops = 2.0 * Size * Size * Size;

    private Tensor _a = null!;
    private Tensor _b = null!;

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        var generator = new Generator(0);
        _a = randn([Size, Size], generator: generator);
        _b = randn([Size, Size], generator: generator);
    }

    // The 4 MB result allocation is noise next to 2 GFLOP of work.
    [Benchmark(Description = "GEMM 1024³ fp32 (TorchSharp)")]
    public float Gemm()
    {
        using var scope = NewDisposeScope();
        return _a.matmul(_b)[0, 0].item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
