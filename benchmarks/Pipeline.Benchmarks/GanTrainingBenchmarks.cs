using BenchmarkDotNet.Attributes;
using Pipeline.Benchmarks.Reporting;
using Pipeline.Models.Gans;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Devices;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train cgan --class-loss 1</c> (preset fashion28, batch 64: a D step on 64 real + 64 generated
/// images, a G step, the EMA) through the shipped <see cref="GanRecipe.Step"/>, before and after the speed-ups of
/// issue 11, side by side in one process: "before" runs D's trunk in NCHW order with glibc's 128 KiB heap
/// thresholds, "after" in channels-last order with freed memory retained (<see cref="NativeHeap"/>), "bf16" with
/// the convolutions of G and D in bfloat16 on fp32 master weights (NCHW D, heap retained), and bf16 with G's step
/// on the D step's generated images (one G forward fewer). The in-place LeakyReLUs are in all. images/s counts real
/// images (64 per step); utilisation uses the step's MACs per real image, 4·G + 8·D: G forward twice (D step, G
/// step) and backward once (2·G), D forward on 128 images with weight and input gradients (3·D per image, 2 images
/// per real one) and forward + input gradient on 64 (2·D). The last row does 3·G + 8·D, so its column is the rate
/// equivalent to the full recipe. The bf16 rows are divided by the bf16 GEMM peak.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("GAN training")]
public class GanTrainingBenchmarks
{
    private const int Images = 64 * 16;
    private GanRecipe _recipe = null!;
    private long _step;

    /// <summary>Images per D and G update (the recipe's default).</summary>
    [Params(64)]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup(Target = nameof(Before))]
    public void SetupBefore()
    {
        Setup();
        NativeHeap.ReturnFreedMemory();
        _recipe.Discriminator.ChannelsLast = false;
    }

    [GlobalSetup(Target = nameof(After))]
    public void SetupAfter()
    {
        Setup();
        NativeHeap.RetainFreedMemory();
        _recipe.Discriminator.ChannelsLast = true;
    }

    [GlobalSetup(Target = nameof(Bf16))]
    public void SetupBf16()
    {
        Setup(GanPrecision.Bf16);
        NativeHeap.RetainFreedMemory();
    }

    [GlobalSetup(Target = nameof(Bf16ReusingFakes))]
    public void SetupBf16ReusingFakes()
    {
        Setup(GanPrecision.Bf16, reuseFakes: true);
        NativeHeap.RetainFreedMemory();
    }

    [Benchmark(Baseline = true, Description = "GAN step, before (NCHW D, heap returned)")]
    public double Before() => _recipe.Step(_step++).GeneratorLoss;

    [Benchmark(Description = "GAN step (channels-last D, heap retained)")]
    public double After() => _recipe.Step(_step++).GeneratorLoss;

    [Benchmark(Description = "GAN step, bf16 mixed precision (--precision bf16)")]
    [BenchmarkCategory(ThroughputColumns.Bf16Category)]
    public double Bf16() => _recipe.Step(_step++).GeneratorLoss;

    [Benchmark(Description = "GAN step, bf16, G step on the D step's fakes (--reuse-fakes)")]
    [BenchmarkCategory(ThroughputColumns.Bf16Category)]
    public double Bf16ReusingFakes() => _recipe.Step(_step++).GeneratorLoss;

    [GlobalCleanup]
    public void Cleanup()
    {
        _recipe.Dispose();
        NativeHeap.RetainFreedMemory(); // the process default (Program), for whatever runs next
    }

    private void Setup(GanPrecision precision = GanPrecision.Fp32, bool reuseFakes = false)
    {
        set_num_threads(Threads);
        var model = GanOptions.ConditionalFashion28 with { AuxiliaryClassifier = true };
        var data = RandomImages.Create(Images, model.Channels, model.ImageSize, model.ClassCount);
        var training = new GanTrainingOptions(Steps: 1_000_000, BatchSize: Batch, ClassLossWeight: 1, Precision: precision, ReuseFakes: reuseFakes);
        var config = new GanRunConfig(model, training, new DataSource(DataSourceKind.Idx, "random images"), "cpu", Threads);
        _recipe = new GanRecipe(config, data, CPU);
        _step = 0;
        Reporting.ModelMacs.RecordPerImage(GetType(), StepMacsPerImage(model));
    }

    // 4·G + 8·D per real image (see the class summary); G from the exported generator's summary (what `inspect`
    // prints), D from its layer shapes (it is never exported).
    private static long StepMacsPerImage(GanOptions model)
    {
        var generator = OnnxModelSummary.Read(Engines.BenchmarkModels.Gan.File).MacsPerSample;
        return (4 * generator) + (8 * DiscriminatorMacs(model));
    }

    private static long DiscriminatorMacs(GanOptions o)
    {
        var sizes = o.Resolutions;
        long macs = 0, inChannels = o.Channels, width = o.DiscriminatorWidth;
        for (var i = sizes.Count - 1; i >= 1; i--)
        {
            long size = sizes[i], half = sizes[i - 1];
            macs += (inChannels * width * 9 * size * size) + (width * width * 2 * 16 * half * half); // 3×3 stride 1, 4×4 stride 2
            inChannels = width * 2;
            width *= 2;
        }

        macs += inChannels * inChannels * 9 * sizes[0] * sizes[0];                                   // top 3×3
        return macs + (inChannels * (2 + o.ClassCount));                                             // head, projection, class head
    }
}
