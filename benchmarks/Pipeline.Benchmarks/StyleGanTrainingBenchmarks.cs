using BenchmarkDotNet.Attributes;
using Pipeline.Models.StyleGan;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Runs;
using Pipeline.Training.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// Steps of <c>train stylegan</c> (preset Fashion32, class-conditional 32×32 grey, the recipe's default batch of 32,
/// style mixing and the moving-average generator on, ADA off) through the shipped <see cref="StyleGanRecipe.Step"/>,
/// in two rows. "main updates" switches R1 and the path-length penalty off (γ = 0, w_pl = 0), so every step is one D
/// and one G update. "amortised" runs the recipe's defaults and times <see cref="LazyCycle"/> steps per operation,
/// a whole cycle of the lazy regularisation (one R1 update every k_D = 16 steps, one path-length update every
/// k_G = 4), so its time per operation is the average step a run sees. images/s counts real images (32 per step).
/// Utilisation uses the main updates' MACs per real image in both rows, 4·G + 8·D: G forward twice (D step, G step)
/// and backward once (2·G), D forward on 2 images per real one with weight and input gradients (3·D each) and
/// forward + input gradient on one (2·D). The amortised row's lower share is then what the regularisers cost.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("StyleGAN2 training")]
public class StyleGanTrainingBenchmarks
{
    /// <summary>Steps per amortised operation: the least common multiple of the default k_D = 16 and k_G = 4.</summary>
    public const int LazyCycle = 16;

    // Batches of random images the loader cycles through; what they show does not change the work.
    private const int Batches = 8;

    private StyleGanRecipe _recipe = null!;
    private long _step;

    /// <summary>Images per D and G update: the recipe's default.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The recipe's default batch size.</summary>
    public static IEnumerable<int> BatchSizes => [new StyleGanTrainingOptions().BatchSize];

    /// <summary>The thread counts of this run.</summary>
    public static IEnumerable<int> ThreadCounts => RunMode.ThreadCounts;

    [GlobalSetup(Target = nameof(MainUpdates))]
    public void SetupMainUpdates() => Setup(new StyleGanTrainingOptions(R1Gamma: 0, PathLengthWeight: 0));

    [GlobalSetup(Target = nameof(Amortised))]
    public void SetupAmortised() => Setup(new StyleGanTrainingOptions());

    [Benchmark(Baseline = true, Description = "StyleGAN2 step, main D and G updates (R1 and path length off)")]
    public double MainUpdates() => _recipe.Step(_step++).GeneratorLoss;

    // One operation is a whole lazy cycle starting at a multiple of it, so each holds exactly one R1 and four path-length updates.
    [Benchmark(OperationsPerInvoke = LazyCycle, Description = "StyleGAN2 step amortised over lazy R1 (every 16) and path length (every 4)")]
    public double Amortised()
    {
        var loss = 0.0;
        for (var i = 0; i < LazyCycle; i++)
        {
            loss += _recipe.Step(_step++).GeneratorLoss;
        }

        return loss;
    }

    [GlobalCleanup]
    public void Cleanup() => _recipe.Dispose();

    private void Setup(StyleGanTrainingOptions training)
    {
        if (LazyCycle % training.R1Interval != 0 || LazyCycle % training.PathLengthInterval != 0)
        {
            throw new InvalidOperationException(
                $"The amortised row runs {LazyCycle} steps per operation, which must be a multiple of the recipe's k_D = {training.R1Interval} and k_G = {training.PathLengthInterval}.");
        }

        set_num_threads(Threads);
        var model = StyleGanOptions.Fashion32;
        var data = RandomImages.Create(Batch * Batches, model.Channels, model.ImageSize, model.ClassCount);
        var config = new StyleGanRunConfig(model, training with { Steps = 1_000_000, BatchSize = Batch }, new DataSource(DataSourceKind.Idx, "random images"), "cpu", Threads);
        _recipe = new StyleGanRecipe(config, data, CPU);
        _step = 0;
        Reporting.ModelMacs.RecordPerImage(GetType(), StepMacsPerImage(model));
    }

    // 4·G + 8·D per real image (see the class summary); G from the exported generator's summary (what `inspect`
    // prints), D from its layer shapes (it is never exported).
    private static long StepMacsPerImage(StyleGanOptions model)
    {
        var generator = OnnxModelSummary.Read(Engines.BenchmarkModels.StyleGan.Files.Generator.Path).MacsPerSample;
        return (4 * generator) + (8 * DiscriminatorMacs(model));
    }

    // StyleDiscriminator's layers: fromRGB 1×1; per block at R, conv0 3×3 at R, conv1 3×3 and the 1×1 skip at R/2;
    // the epilogue's 3×3 convolution on W₄ + 1 channels (the minibatch standard deviation), dense, output and projection.
    private static long DiscriminatorMacs(StyleGanOptions o)
    {
        var sizes = o.Resolutions;
        long size = o.ImageSize;
        long macs = o.Channels * (long)o.WidthAt(o.ImageSize) * size * size;
        for (var i = sizes.Count - 1; i >= 1; i--)
        {
            long resolution = sizes[i], half = sizes[i - 1], inChannels = o.WidthAt(sizes[i]), outChannels = o.WidthAt(sizes[i - 1]);
            macs += (inChannels * inChannels * 9 * resolution * resolution) + (inChannels * outChannels * 10 * half * half);
        }

        long width = o.WidthAt(4);
        return macs + ((width + 1) * width * 9 * 16) + (width * 16 * width) + (2 * width);
    }
}
