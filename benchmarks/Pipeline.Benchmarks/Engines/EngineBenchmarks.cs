using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Primitives;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// One model, one batch of inputs, the engines every exported model runs on: TorchSharp eager (eval, no_grad) and
/// ONNX Runtime directly (pre-allocated OrtValues, the baseline, and IOBinding; the baseline again at the basic graph
/// optimisation level, which leaves out the layout changes and fusions, and with none; on the CUDA execution provider
/// where <see cref="CudaRows"/> finds one), and TorchSharp eager on GPU 0 where libtorch finds CUDA, at each batch size
/// and thread count.
/// One operation is one batch, so images/s = Batch ÷ mean. A model family derives from this and supplies the model,
/// the eager forward and the inputs, which are the same numbers on every engine (drawn once from a seeded
/// System.Random); a model that ML.NET runs as well derives from <see cref="MlNetEngineBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public abstract class EngineBenchmarks
{
    private OrtRunner _ort = null!;
    private OrtRunner _ortBasic = null!;
    private OrtRunner _ortUnoptimised = null!;
    private OrtRunner? _ortCuda;

    /// <summary>Images per batch (per benchmark operation).</summary>
    [ParamsSource(nameof(Batches))]
    public int Batch { get; set; }

    /// <summary>Intra-op threads given to TorchSharp and ONNX Runtime.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>
    /// The batch sizes of this run. An instance property (BenchmarkDotNet reads it from an instance of the derived
    /// class) so that a heavy model can run fewer of them (<see cref="RunMode.HeavyBatches"/>).
    /// </summary>
    public virtual IEnumerable<int> Batches => RunMode.Batches;

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        TorchSharp.torch.set_num_threads(Threads);
        var random = new Random(0);
        var modelFile = Prepare(random);
        Reporting.ModelMacs.Record(GetType(), modelFile);
        _ort = new OrtRunner(modelFile, Threads, OrtInputs());
        _ortBasic = new OrtRunner(modelFile, Threads, OrtInputs(), GraphOptimizationLevel.ORT_ENABLE_BASIC);
        _ortUnoptimised = new OrtRunner(modelFile, Threads, OrtInputs(), GraphOptimizationLevel.ORT_DISABLE_ALL);
        _ortCuda = CudaRows.Available ? new OrtRunner(modelFile, Threads, OrtInputs(), cuda: true) : null;
        SetUpMoreEngines(modelFile);
    }

    /// <summary>The setup, then the eager model and its inputs moved to GPU 0 for <see cref="TorchSharpEagerCuda"/>.</summary>
    [GlobalSetup(Target = nameof(TorchSharpEagerCuda))]
    public void SetupCuda()
    {
        Setup();
        MoveEagerTo(CUDA);
    }

    /// <summary>The eager model back on the CPU (other benchmarks share it), then the cleanup.</summary>
    [GlobalCleanup(Target = nameof(TorchSharpEagerCuda))]
    public void CleanupCuda()
    {
        MoveEagerTo(CPU);
        Cleanup();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CleanUpMoreEngines();
        _ort.Dispose();
        _ortBasic.Dispose();
        _ortUnoptimised.Dispose();
        _ortCuda?.Dispose();
        ReleaseInputs();
    }

    [Benchmark(Description = "TorchSharp eager")]
    public float TorchSharpEager() => Eager();

    // Eager returns one element with item(), which waits for the GPU: the time is the whole forward.
    [Benchmark(Description = CudaRows.TorchSharpEager)]
    public float TorchSharpEagerCuda() => Eager();

    [Benchmark(Baseline = true, Description = "ORT, pre-allocated OrtValues")]
    public float OnnxRuntime() => _ort.Run();

    [Benchmark(Description = "ORT, IOBinding")]
    public float OnnxRuntimeIoBinding() => _ort.RunWithBinding();

    [Benchmark(Description = "ORT, basic graph optimisation")]
    public float OnnxRuntimeBasic() => _ortBasic.Run();

    [Benchmark(Description = "ORT, no graph optimisation")]
    public float OnnxRuntimeUnoptimised() => _ortUnoptimised.Run();

    [Benchmark(Description = "ORT, " + CudaRows.Marker + " execution provider")]
    public float OnnxRuntimeCuda() => _ortCuda!.Run();

    /// <summary>Exports (or reuses) the model, builds the TorchSharp inputs for <see cref="Batch"/> from <paramref name="random"/>; returns the ONNX file.</summary>
    protected abstract string Prepare(Random random);

    /// <summary>The TorchSharp forward pass over the prepared batch; returns one output element.</summary>
    protected abstract float Eager();

    /// <summary>Moves the module <see cref="Eager"/> runs and its prepared inputs to <paramref name="device"/>.</summary>
    protected abstract void MoveEagerTo(Device device);

    /// <summary><paramref name="tensor"/> on <paramref name="device"/>; the original is disposed when a copy was made.</summary>
    protected static Tensor Moved(Tensor tensor, Device device)
    {
        var moved = tensor.to(device);
        if (!ReferenceEquals(moved, tensor))
        {
            tensor.Dispose();
        }

        return moved;
    }

    /// <summary>The prepared batch as ONNX Runtime inputs.</summary>
    protected abstract IReadOnlyList<OrtInput> OrtInputs();

    /// <summary>Disposes the TorchSharp inputs.</summary>
    protected abstract void ReleaseInputs();

    /// <summary>Sets up the engines a derived class adds, after the model is prepared.</summary>
    protected virtual void SetUpMoreEngines(string modelFile)
    {
    }

    /// <summary>Disposes what <see cref="SetUpMoreEngines"/> made.</summary>
    protected virtual void CleanUpMoreEngines()
    {
    }

    /// <summary>Draws <paramref name="count"/> standard normal floats (Box–Muller) from <paramref name="random"/>.</summary>
    protected static float[] Normal(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)Gaussian.Next(random)).ToArray();

    /// <summary>Draws <paramref name="count"/> uniform floats in [0, 1) (image pixels) from <paramref name="random"/>.</summary>
    protected static float[] Uniform(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();

    /// <summary>Draws <paramref name="count"/> indices in [0, <paramref name="limit"/>) (codes, levels) from <paramref name="random"/>.</summary>
    protected static long[] Indices(Random random, int count, int limit) =>
        Enumerable.Range(0, count).Select(_ => (long)random.Next(limit)).ToArray();
}
