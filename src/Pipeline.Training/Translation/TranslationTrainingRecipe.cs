using Pipeline.Data.Translation;
using Pipeline.Models.Classifiers;
using Pipeline.Training.Loop;
using TorchSharp.Modules;

namespace Pipeline.Training.Translation;

/// <summary>
/// CycleGAN, pix2pix or super-resolution as a recipe of the shared <see cref="TrainingLoop{TReport, TMetrics}"/>:
/// step n takes batch n of <see cref="TranslationBatches"/> (a pure function of seed and n) and runs the recipe's
/// step (<see cref="CycleGanRecipe.Step"/> or <see cref="PairedTranslationRecipe.Step"/>); the loop does the rest.
/// Samples are panels of fixed test examples; a non-finite loss is divergence.
/// </summary>
public sealed class TranslationTrainingRecipe : ITrainingRecipe<TranslationStepReport, TranslationStepMetrics>, IDisposable
{
    private readonly TranslationRunConfig _config;
    private readonly TranslationBatches _batches;
    private readonly CycleGanRecipe? _cycle;
    private readonly PairedTranslationRecipe? _paired;
    private readonly TranslationImages _examples;
    private readonly Device _device;
    private readonly int _trainCount;

    /// <summary>The recipe for <paramref name="config"/> on <paramref name="train"/>; <paramref name="test"/> gives the panels' examples.</summary>
    /// <param name="config">The run's configuration.</param>
    /// <param name="train">Training images of both domains.</param>
    /// <param name="test">Test images; the first few of each domain are drawn at every sample step.</param>
    /// <param name="device">Where to train.</param>
    /// <param name="classifier">Super-resolution's judge for the classifier-feature content loss; it must outlive the recipe.</param>
    /// <exception cref="ArgumentException">The images do not have the size and channels the config expects.</exception>
    public TranslationTrainingRecipe(TranslationRunConfig config, TranslationImages train, TranslationImages test, Device device, ImageClassifier? classifier = null)
    {
        _config = config.Validate();
        var (inA, inB) = Shapes(config);
        TrainingData.RequireShape(train.A, inA.C, inA.Size, inA.Size, $"{config.Recipe} input (domain A)");
        TrainingData.RequireShape(train.B, inB.C, inB.Size, inB.Size, $"{config.Recipe} target (domain B)");
        _batches = new TranslationBatches(train, config.Training.BatchSize, config.Training.Seed, device, config.Augmentation);
        switch (config.Recipe)
        {
            case TranslationRecipeKind.CycleGan:
                _cycle = new CycleGanRecipe(config.CycleGan!, config.Training, device);
                break;
            case TranslationRecipeKind.Pix2Pix:
                _paired = Pix2PixRecipe.Create(config.Pix2Pix!, config.Training, device);
                break;
            default:
                _paired = SuperResolutionRecipe.Create(config.SuperResolution!, config.Training, device, classifier);
                break;
        }

        _examples = test.Take(TranslationImagery.Examples);
        _device = device;
        _trainCount = train.A.Count;
        Modules = _cycle?.Modules() ?? _paired!.Modules();
        Optimizers = _cycle?.Optimizers() ?? _paired!.Optimizers();
        Cadence = new TrainingCadence(config.LogEverySteps, config.CheckpointEverySteps, SampleEvery: config.SampleEverySteps);
    }

    /// <inheritdoc />
    public string Kind => TranslationRunConfig.RunKind;

    /// <inheritdoc />
    public long TotalSteps => _config.Training.Steps;

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>The generator A → B being trained.</summary>
    public nn.Module<Tensor, Tensor> Forward => (nn.Module<Tensor, Tensor>?)_cycle?.GeneratorA ?? _paired!.Generator;

    /// <summary>CycleGAN's B → A generator; null for paired recipes.</summary>
    public nn.Module<Tensor, Tensor>? Backward => _cycle?.GeneratorB;

    /// <inheritdoc />
    public TranslationStepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        var (a, b) = _batches.Batch(step);
        if (_cycle is not null)
        {
            var l = _cycle.Step(a, b, step);
            return new TranslationStepReport((int)(a.shape[0] + b.shape[0]),
            [
                ("G_A", l.GeneratorA), ("G_B", l.GeneratorB), ("cycle A", l.CycleA), ("cycle B", l.CycleB),
                ("identity A", l.IdentityA), ("identity B", l.IdentityB), ("D_A", l.DiscriminatorA), ("D_B", l.DiscriminatorB),
            ]);
        }

        var p = _paired!.Step(a, b, step);
        IReadOnlyList<(string, double)> shown = _paired.Discriminator is null
            ? [("reconstruction", p.Reconstruction)]
            : [("reconstruction", p.Reconstruction), ("G adversarial", p.Adversarial), ("D", p.Discriminator)];
        return new TranslationStepReport((int)a.shape[0], shown);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps * _config.Training.BatchSize / _trainCount;

    /// <inheritdoc />
    public TranslationStepMetrics Summarise(StepWindow<TranslationStepReport> window) => TranslationStepMetrics.Of(window, EpochOf(window.EndStep));

    /// <inheritdoc />
    public Divergence? CheckDivergence(TranslationStepReport report)
    {
        foreach (var (name, value) in report.Shown)
        {
            if (!double.IsFinite(value))
            {
                return new Divergence($"the {name} loss is {value}", "try a lower --lr or another --objective.");
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void SaveSamples(RunFolder run, long steps) =>
        TranslationImagery.Save(run.File("images", $"step-{steps:D6}.png"), TranslationImagery.Panels(Forward, Backward, _examples, _device));

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<TranslationStepMetrics> metrics) =>
        TranslationStepMetrics.Plot(path, $"{_config.Recipe} losses", metrics);

    /// <summary>(channels, side) of domain A's and domain B's training images under <paramref name="config"/>.</summary>
    public static ((int C, int Size) A, (int C, int Size) B) Shapes(TranslationRunConfig config)
    {
        var size = config.Data.ImageSize;
        return ((config.InputChannels, size / config.Scale), (config.OutputChannels, size));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cycle?.Dispose();
        _paired?.Dispose();
    }
}
