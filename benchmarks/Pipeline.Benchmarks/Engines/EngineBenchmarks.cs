using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// One model, one batch of inputs, every engine: TorchSharp eager (eval, no_grad), ONNX Runtime directly (pre-allocated
/// OrtValues, and IOBinding), ML.NET's ApplyOnnxModel (one Run per row) and our estimator (one Run per batch), at
/// each batch size and thread count. One operation is one batch, so images/s = Batch ÷ mean. A model family derives
/// from this and supplies the model, the eager forward and the ML.NET pipelines; the inputs are the same numbers on
/// every engine (drawn once from a seeded System.Random).
/// </summary>
[MemoryDiagnoser]
public abstract class EngineBenchmarks
{
    private OrtRunner _ort = null!;
    private IDataView _rows = null!;
    private ITransformer _ours = null!;
    private ITransformer _applyOnnx = null!;

    /// <summary>Images per batch (per benchmark operation).</summary>
    [ParamsSource(nameof(Batches))]
    public int Batch { get; set; }

    /// <summary>Intra-op threads given to TorchSharp and ONNX Runtime.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The batch sizes of this run.</summary>
    public static IEnumerable<int> Batches => RunMode.Batches;

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    /// <summary>The ML.NET context of the pipelines.</summary>
    protected MLContext Ml { get; } = new(seed: 0);

    /// <summary>The output column read from our estimator.</summary>
    protected abstract string OursColumn { get; }

    /// <summary>The output column read from ApplyOnnxModel.</summary>
    protected abstract string ApplyOnnxColumn { get; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSharp.torch.set_num_threads(Threads);
        var random = new Random(0);
        var modelFile = Prepare(random);
        Reporting.ModelMacs.Record(GetType(), modelFile);
        _ort = new OrtRunner(modelFile, Threads, OrtInputs());
        _rows = Rows();
        _ours = Ours(modelFile).Fit(_rows);
        _applyOnnx = ApplyOnnx(modelFile).Fit(_rows);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ort.Dispose();
        (_ours as IDisposable)?.Dispose();
        (_applyOnnx as IDisposable)?.Dispose();
        ReleaseInputs();
    }

    [Benchmark(Description = "TorchSharp eager")]
    public float TorchSharpEager() => Eager();

    [Benchmark(Baseline = true, Description = "ORT, pre-allocated OrtValues")]
    public float OnnxRuntime() => _ort.Run();

    [Benchmark(Description = "ORT, IOBinding")]
    public float OnnxRuntimeIoBinding() => _ort.RunWithBinding();

    [Benchmark(Description = "ML.NET ApplyOnnxModel")]
    public float ApplyOnnxModel() => ReadAll(_applyOnnx.Transform(_rows), ApplyOnnxColumn);

    [Benchmark(Description = "ours (Pipeline.MLNet)")]
    public float Ours() => ReadAll(_ours.Transform(_rows), OursColumn);

    /// <summary>Exports (or reuses) the model, builds the TorchSharp inputs for <see cref="Batch"/> from <paramref name="random"/>; returns the ONNX file.</summary>
    protected abstract string Prepare(Random random);

    /// <summary>The TorchSharp forward pass over the prepared batch; returns one output element.</summary>
    protected abstract float Eager();

    /// <summary>The prepared batch as ONNX Runtime inputs.</summary>
    protected abstract IReadOnlyList<OrtInput> OrtInputs();

    /// <summary>
    /// The prepared batch as <see cref="Batch"/> ML.NET rows, materialised: over a lazy Select, LoadFromEnumerable would
    /// build every row object and array again on each pass, and that cost would be charged to the ML.NET engines.
    /// </summary>
    protected abstract IDataView Rows();

    /// <summary>Our estimator over the rows, batch size <see cref="Batch"/>, <see cref="Threads"/> threads.</summary>
    protected abstract IEstimator<ITransformer> Ours(string modelFile);

    /// <summary>ML.NET's ApplyOnnxModel over the rows, <see cref="Threads"/> threads.</summary>
    protected abstract IEstimator<ITransformer> ApplyOnnx(string modelFile);

    /// <summary>Disposes the TorchSharp inputs.</summary>
    protected abstract void ReleaseInputs();

    /// <summary>Draws <paramref name="count"/> standard normal floats (Box–Muller) from <paramref name="random"/>.</summary>
    protected static float[] Normal(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();

    // Reads every row, as an application consuming the column would; the sum keeps the reads from being optimised away.
    private static float ReadAll(IDataView view, string column)
    {
        var sum = 0f;
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[column]);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value.GetValues()[0];
        }

        return sum;
    }
}
