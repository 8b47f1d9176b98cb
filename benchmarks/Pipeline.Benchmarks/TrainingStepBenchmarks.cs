using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of a shipped training recipe per benchmark operation (its own <c>Step</c>, so the benchmark measures what
/// <c>train</c> runs), at the recipe's default batch size and each thread count, with the step's MACs per image for
/// the utilisation column. A family derives from this, builds its recipe on <see cref="RandomImages"/> and says in
/// its summary what it counted.
/// </summary>
[MemoryDiagnoser]
public abstract class TrainingStepBenchmarks
{
    /// <summary>Batches of random images a recipe's loader cycles through; what they show does not change the work.</summary>
    protected const int Batches = 8;

    private long _step;

    /// <summary>Images per step.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The recipe's default batch size (an instance property: BenchmarkDotNet reads it from the derived class).</summary>
    public abstract IEnumerable<int> BatchSizes { get; }

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        _step = 0;
        Reporting.ModelMacs.RecordPerImage(GetType(), Prepare());
    }

    [Benchmark(Description = "train step")]
    public double TrainStep() => Step(_step++);

    [GlobalCleanup]
    public void Cleanup() => Release();

    /// <summary>Builds the recipe for <see cref="Batch"/>; returns the MACs per image of one step.</summary>
    protected abstract long Prepare();

    /// <summary>Runs step <paramref name="step"/> of the recipe; returns its loss.</summary>
    protected abstract double Step(long step);

    /// <summary>Disposes the recipe.</summary>
    protected abstract void Release();
}
