using Pipeline.Data.Hardware;
using Pipeline.Models.Gans;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;
using TorchSharp.Modules;

namespace Pipeline.Training.Gans;

/// <summary>
/// The GAN's training recipe: <see cref="GanTrainingOptions.DiscriminatorSteps"/> Adam steps on D, then one on G,
/// then the moving average of G. Metrics every LogEverySteps, fixed-noise grids of the averaged G every
/// SampleEverySteps. A run whose losses become non-finite, or whose D saturates for
/// <see cref="GanTrainingOptions.DivergencePatience"/> steps, is reported as diverged; no periodic checkpoint is
/// written while D is saturated, so the last one kept is a healthy one.
/// </summary>
public sealed class GanRecipe : ITrainingRecipe<GanStepReport, GanStepMetrics>, IDisposable
{
    private const double Saturated = 0.01;

    private readonly GanRunConfig _config;
    private readonly GanTrainingOptions _options;
    private readonly GanNetworks _networks;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;
    private readonly FixedSampleGrid _fixed;
    private int _saturatedSteps;

    public GanRecipe(GanRunConfig config, ImageDataset train, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        RequireData(train, config.Model);

        _config = config;
        _options = config.Training;
        random.manual_seed(_options.Seed);   // initial weights
        _networks = GanNetworks.Create(config.Model);
        ExponentialMovingAverage.CopyFrom(AverageGenerator, Generator);
        // Mixed precision keeps D's trunk in NCHW order: with bf16 the step was 1.42x the fp32 one in NCHW, 1.35x in
        // channels-last (1 thread, 20 interleaved steps each).
        var precision = _options.Precision.Resolve(CpuInstructionSets.Host);
        Generator.ComputeType = Discriminator.ComputeType = precision.ComputeType();
        Discriminator.ChannelsLast = precision == GanPrecision.Fp32;
        _networks.To(device);
        AverageGenerator.eval();
        _generatorOptimizer = optim.Adam(Generator.parameters(), _options.GeneratorLearningRate, _options.Beta1, _options.Beta2);
        _discriminatorOptimizer = optim.Adam(Discriminator.parameters(), _options.DiscriminatorLearningRate, _options.Beta1, _options.Beta2);
        _loader = new MiniBatchLoader(train, _options.BatchSize, _options.Seed, device);
        _fixed = new FixedSampleGrid(config.Model.ClassCount, config.Model.LatentSize, _options.Seed, device);
        Modules = _networks.Checkpointed();
        Optimizers = AdversarialUpdates.Optimizers(_generatorOptimizer, _discriminatorOptimizer);
        Cadence = new TrainingCadence(LogEvery: _options.LogEverySteps, CheckpointEvery: _options.CheckpointEverySteps, SampleEvery: _options.SampleEverySteps);
    }

    /// <summary>G, trained directly.</summary>
    public DcganGenerator Generator => _networks.Generator;

    /// <summary>D.</summary>
    public ProjectionDiscriminator Discriminator => _networks.Discriminator;

    /// <summary>The moving average of G's weights, used for samples and evaluation.</summary>
    public DcganGenerator AverageGenerator => _networks.AverageGenerator;

    /// <inheritdoc />
    public string Kind => GanRunConfig.RunKind;

    /// <summary>Generator steps of the whole run.</summary>
    public long TotalSteps => _options.Steps;

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>Whether D is not saturated at the latest step.</summary>
    public bool MayCheckpoint => _saturatedSteps == 0;

    /// <summary>One generator step with its discriminator steps: the recipe of Goodfellow et al. 2014, Algorithm 1.</summary>
    public GanStepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_options.Seed, step));    // the step's latents and penalty mixing
        GanStepReport result = default;
        Tensor labels = null!;
        Tensor? generated = null;
        for (var i = 0; i < _options.DiscriminatorSteps; i++)
        {
            // D step: real batch mapped to [−1, 1]; fakes with the same labels, detached from G.
            var (images, batchLabels) = _loader.Gather(_loader.Batch((step * _options.DiscriminatorSteps) + i));
            labels = batchLabels;
            var real = DcganGenerator.FromUnitRange(images);                                  // (B, C, H, W)
            var keep = _options.ReuseFakes && i == _options.DiscriminatorSteps - 1;          // G's step will use them
            using (keep ? null : no_grad())
            {
                generated = Generator.call(GanSampling.Latents(labels.shape[0], _config.Model.LatentSize, real.device), labels);
            }

            result = DiscriminatorStep(real, generated.detach(), labels);
        }

        // G step with D frozen: fresh z (or the last D step's), the last batch's labels (the data's class frequencies).
        AdversarialUpdates.SetTrainable([Discriminator], false);
        _generatorOptimizer.zero_grad();
        generated = _options.ReuseFakes ? generated! : Generator.call(GanSampling.Latents(labels.shape[0], _config.Model.LatentSize, labels.device), labels);
        var (fakeLogits, fakeClasses) = Discriminator.ScoreAndClassify(generated, labels);
        var generatorLoss = GanLosses.Generator(_options.Objective, fakeLogits) + ClassLoss(fakeClasses, labels);
        generatorLoss.backward();
        _generatorOptimizer.step();
        AdversarialUpdates.SetTrainable([Discriminator], true);

        ExponentialMovingAverage.Update(AverageGenerator, Generator, _options.EmaDecay, step);
        return result with { GeneratorLoss = generatorLoss.item<float>() };
    }

    /// <inheritdoc />
    public double? DataSeconds => _loader.WaitSeconds;

    /// <summary>Counts discriminator batches, the passes over the data D has seen.</summary>
    public double EpochOf(long steps) => (double)steps * _options.DiscriminatorSteps / _loader.BatchesPerEpoch;

    /// <summary>Means over the window's steps.</summary>
    public GanStepMetrics Summarise(StepWindow<GanStepReport> window)
    {
        var (d, g, real, fake, penalty) = (0.0, 0.0, 0.0, 0.0, 0.0);
        foreach (var r in window.Steps)
        {
            (d, g, real, fake, penalty) = (d + r.DiscriminatorLoss, g + r.GeneratorLoss, real + r.DReal, fake + r.DFake, penalty + r.Penalty);
        }

        var n = window.Steps.Count;
        return new GanStepMetrics(window.EndStep, EpochOf(window.EndStep), d / n, g / n, real / n, fake / n, penalty / n, window.ImagesPerSecond, window.Seconds);
    }

    /// <summary>Non-finite losses, or D(x) and D(G(z)) both pinned at 0 or 1 for DivergencePatience steps.</summary>
    public Divergence? CheckDivergence(GanStepReport report)
    {
        const string advice = "try a lower learning rate, another --objective, or more D steps.";
        if (!double.IsFinite(report.DiscriminatorLoss) || !double.IsFinite(report.GeneratorLoss))
        {
            return new Divergence($"a loss is not finite (D {report.DiscriminatorLoss}, G {report.GeneratorLoss})", advice);
        }

        var pinned = GanLosses.ShowsProbabilities(_options.Objective) && IsPinned(report.DReal) && IsPinned(report.DFake);
        _saturatedSteps = pinned ? _saturatedSteps + 1 : 0;
        return _saturatedSteps >= _options.DivergencePatience
            ? new Divergence($"D(x) = {report.DReal:F3} and D(G(z)) = {report.DFake:F3} have been pinned at 0 or 1 for {_saturatedSteps} steps", advice)
            : null;

        static bool IsPinned(double p) => p < Saturated || p > 1 - Saturated;
    }

    /// <summary>The fixed-noise grid of the averaged generator as pixels in [0, 1], with its column count.</summary>
    public (float[] Pixels, int Count, int Columns) FixedSamples()
    {
        using var mode = new EvaluationMode(AverageGenerator);
        var images = DcganGenerator.ToUnitRange(AverageGenerator.call(_fixed.Z, _fixed.Labels));
        return (TensorPixels.ToArray(images), _fixed.Count, _fixed.Columns);
    }

    /// <summary>The fixed-noise grid as images/step-NNNNNN.png, so that a run's progress can be watched picture by picture.</summary>
    public void SaveSamples(RunFolder run, long steps)
    {
        var o = _config.Model;
        _fixed.SavePng(FixedSampleGrid.StepFile(run, steps), FixedSamples().Pixels, o.Channels, o.ImageSize);
    }

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<GanStepMetrics> metrics) => GanLossCurve.Save(path, metrics);

    private GanStepReport DiscriminatorStep(Tensor real, Tensor fake, Tensor labels)
    {
        _discriminatorOptimizer.zero_grad();
        var batch = real.shape[0];
        var (logits, classLogits) = Discriminator.ScoreAndClassify(cat([real, fake]), cat([labels, labels])); // one pass: one power iteration
        var (realLogits, fakeLogits) = (logits[..(int)batch], logits[(int)batch..]);
        // The class head learns from real images only, so D never learns to label G's failures as their class.
        var loss = GanLosses.Discriminator(_options.Objective, realLogits, fakeLogits) + ClassLoss(classLogits?[..(int)batch], labels);
        var penalty = 0.0;
        if (_options.Objective == GanObjective.WassersteinGradientPenalty)
        {
            var gp = GanLosses.GradientPenalty(x => Discriminator.call(x, labels), real, fake);
            loss = loss + (_options.GradientPenaltyWeight * gp);
            penalty = gp.item<float>();
        }

        loss.backward();
        _discriminatorOptimizer.step();
        return new GanStepReport(loss.item<float>(), 0, GanLosses.Display(_options.Objective, realLogits),
            GanLosses.Display(_options.Objective, fakeLogits), penalty, _options.Objective, _loader.BatchSize * _options.DiscriminatorSteps);
    }

    // AC-GAN's log-likelihood of the right class (Odena et al. 2017, eq. 2–3) as a weighted cross-entropy; zero without a class head.
    private Tensor ClassLoss(Tensor? classLogits, Tensor labels) => classLogits is null
        ? zeros(1, device: labels.device).squeeze()
        : _options.ClassLossWeight * nn.functional.cross_entropy(classLogits, labels);

    private static void RequireData(ImageDataset data, GanOptions options)
    {
        TrainingData.RequireShape(data, options.Channels, options.ImageSize, options.ImageSize, "GAN");
        TrainingData.RequireClasses(data, options.ClassCount, "GAN");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _fixed.Dispose();
        _networks.Dispose();
    }
}
