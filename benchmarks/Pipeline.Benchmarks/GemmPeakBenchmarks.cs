using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Benchmarks.Reporting;
using Pipeline.MLNet.Measurement;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// The machine's practical fp32 peak: a 1024³ matmul, 2·1024³ FLOPs, at the thread counts the engine benchmarks use,
/// through libtorch (MKL) and through ONNX Runtime (MLAS). The utilisation column divides every engine's FLOP/s by the
/// faster of the two, measured in the same run. Both are here because on this AMD machine MKL's GEMM reached only
/// half of what MLAS did (MKL is known to take slower code paths on non-Intel CPUs), so MKL alone understated the peak.
/// The bfloat16 product (libtorch, oneDNN's AVX-512 BF16 dot products where the CPU has them) is the peak of the
/// mixed-precision training rows, which share its <see cref="ThroughputColumns.Bf16Category"/>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("GEMM peak")]
public class GemmPeakBenchmarks
{
    /// <summary>Rows, columns and inner dimension of the product.</summary>
    public const int Size = GemmThroughput.Size;

    /// <summary>FLOPs of one product (a multiply and an add per MAC).</summary>
    public const double Flops = GemmThroughput.Flops;

    private Tensor _a = null!;
    private Tensor _b = null!;
    private Tensor _aBf16 = null!;
    private Tensor _bBf16 = null!;
    private string _matMulFile = null!;
    private InferenceSession _session = null!;
    private OrtValue _input = null!;
    private OrtValue _output = null!;
    private float[] _product = null!;
    private RunOptions _runOptions = null!;

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
        _aBf16 = _a.to(ScalarType.BFloat16);
        _bBf16 = _b.to(ScalarType.BFloat16);
        _matMulFile = WriteMatMulModel(_b.data<float>().ToArray());
        using var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1 };
        _session = new InferenceSession(_matMulFile, options);
        _input = OrtValue.CreateTensorValueFromMemory(_a.data<float>().ToArray(), [Size, Size]);
        _product = new float[Size * Size];
        _output = OrtValue.CreateTensorValueFromMemory(_product, [Size, Size]);
        _runOptions = new RunOptions();
    }

    // The 4 MB result allocation is noise next to 2 GFLOP of work.
    [Benchmark(Description = "GEMM 1024³ fp32 (TorchSharp)")]
    public float Gemm()
    {
        using var scope = NewDisposeScope();
        return _a.matmul(_b)[0, 0].item<float>();
    }

    [Benchmark(Description = "GEMM 1024³ bf16 (TorchSharp)")]
    [BenchmarkCategory(ThroughputColumns.Bf16Category)]
    public float GemmBf16()
    {
        using var scope = NewDisposeScope();
        return _aBf16.matmul(_bBf16)[0, 0].to(ScalarType.Float32).item<float>();
    }

    [Benchmark(Description = "GEMM 1024³ fp32 (ONNX Runtime)")]
    public float OnnxRuntimeGemm()
    {
        _session.Run(_runOptions, ["a"], [_input], ["product"], [_output]);
        return _product[0];
    }

    private static string WriteMatMulModel(float[] b)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-gemm-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, GemmThroughput.MatMulModel(b).ToByteArray());
        return path;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
        _aBf16.Dispose();
        _bBf16.Dispose();
        _runOptions.Dispose();
        _input.Dispose();
        _output.Dispose();
        _session.Dispose();
        File.Delete(_matMulFile);
    }
}
