using System.Diagnostics;
using Pipeline.Data;
using Pipeline.Models.Gans;
using Pipeline.Reports;
using Pipeline.Training.Batching;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.Gans;

/// <summary>
/// Trains a GAN by alternating updates: <see cref="GanTrainingOptions.DiscriminatorSteps"/> Adam steps on D, then one
/// on G, then the moving average of G. Writes metrics, a loss plot, fixed-noise sample grids and checkpoints (G, D,
/// EMA-G, both Adam states) into its run folder. Every step is a pure function of (seed, step, checkpoint), so an
/// interrupted run resumes exactly. A run whose losses become non-finite, or whose D saturates for
/// <see cref="GanTrainingOptions.DivergencePatience"/> steps, stops without overwriting its last healthy checkpoint.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private const double Saturated = 0.01;

    private readonly RunFolder _run;
    private readonly GanRunConfig _config;
    private readonly GanTrainingOptions _options;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;
    private readonly MetricsLog<GanStepMetrics> _metrics;
    private readonly Tensor _fixedZ;
    private readonly Tensor _fixedLabels;
    private readonly int _fixedColumns;
    private (int Epoch, int[] Order) _order = (-1, []);
    private int _saturatedSteps;

    public GanTrainer(RunFolder run, GanRunConfig config, ImageDataset train, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        RequireData(train, config.Model);

        _run = run;
        _config = config;
        _options = config.Training;
        random.manual_seed(_options.Seed);
        Generator = new DcganGenerator(config.Model);
        Discriminator = new ProjectionDiscriminator(config.Model);
        AverageGenerator = new DcganGenerator(config.Model);
        ExponentialMovingAverage.CopyFrom(AverageGenerator, Generator);
        Generator.to(device);
        Discriminator.to(device);
        AverageGenerator.to(device);
        AverageGenerator.eval();
        _generatorOptimizer = optim.Adam(Generator.parameters(), _options.GeneratorLearningRate, _options.Beta1, _options.Beta2);
        _discriminatorOptimizer = optim.Adam(Discriminator.parameters(), _options.DiscriminatorLearningRate, _options.Beta1, _options.Beta2);
        _loader = new MiniBatchLoader(train, _options.BatchSize, _options.Seed, device);
        _metrics = new MetricsLog<GanStepMetrics>(run.MetricsPath);
        (_fixedZ, _fixedLabels, _fixedColumns) = GanSampling.FixedGrid(config.Model, _options.Seed, device);
        _fixedZ.DetachFromDisposeScope();
        _fixedLabels.DetachFromDisposeScope();
    }

    /// <summary>G, trained directly.</summary>
    public DcganGenerator Generator { get; }

    /// <summary>D.</summary>
    public ProjectionDiscriminator Discriminator { get; }

    /// <summary>The moving average of G's weights, used for samples and evaluation.</summary>
    public DcganGenerator AverageGenerator { get; }

    /// <summary>Generator steps the whole run takes.</summary>
    public long TotalSteps => _options.Steps;

    /// <summary>Generator steps completed so far.</summary>
    public long Step { get; private set; }

    /// <summary>Loads the run's last checkpoint and continues from its step.</summary>
    public void Resume()
    {
        var header = Checkpoint.Load(_run.LastCheckpointPath, GanRunConfig.RunKind, Modules(), Optimizers());
        Step = header.Step;
        _metrics.TruncateAfter(Step);
    }

    /// <summary>Runs the remaining steps (see the class summary for how it ends).</summary>
    public GanTrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var window = new Window();
        var lastCheckpoint = File.Exists(_run.LastCheckpointPath) ? Checkpoint.ReadHeader(_run.LastCheckpointPath).Step : (long?)null;
        while (Step < TotalSteps && !cancellation.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            var result = TrainStep();
            Step++;
            window.Add(result, _loader.BatchSize * _options.DiscriminatorSteps, clock.Elapsed.TotalSeconds);
            progress?.Report(new TrainingProgress(Step, TotalSteps, Epoch(), result.Shown(), window.ImagesPerSecond));

            if (Diverged(result) is { } reason)
            {
                return new GanTrainingResult(GanTrainingOutcome.Diverged, Step,
                    $"training diverged at step {Step}: {reason}. The last checkpoint (step {lastCheckpoint?.ToString() ?? "none"}) was kept; " +
                    "try a lower learning rate, another --objective, or more D steps.", lastCheckpoint);
            }

            if (Step % _options.LogEverySteps == 0 || Step == TotalSteps)
            {
                _metrics.Append(window.ToMetrics(Step, Epoch()));
                window = new Window();
            }

            if (Step % _options.SampleEverySteps == 0 || Step == TotalSteps)
            {
                SaveFixedSamples();
            }

            // A checkpoint is written only while D is not saturated, so that divergence never replaces the last good one.
            if ((Step % _options.CheckpointEverySteps == 0 && _saturatedSteps == 0) || Step == TotalSteps)
            {
                SaveCheckpoint();
                lastCheckpoint = Step;
            }
        }

        if (Step < TotalSteps)
        {
            SaveCheckpoint();
            return new GanTrainingResult(GanTrainingOutcome.Interrupted, Step, CheckpointStep: Step);
        }

        return new GanTrainingResult(GanTrainingOutcome.Completed, Step, CheckpointStep: Step);
    }

    /// <summary>The fixed-noise grid of the averaged generator as pixels in [0, 1], with its column count.</summary>
    public (float[] Pixels, int Count, int Columns) FixedSamples()
    {
        using var mode = new EvaluationMode(AverageGenerator);
        var images = DcganGenerator.ToUnitRange(AverageGenerator.call(_fixedZ, _fixedLabels));
        return (GanImagery.Pixels(images), (int)_fixedZ.shape[0], _fixedColumns);
    }

    // One generator step with its discriminator steps: the recipe of Goodfellow et al. 2014, Algorithm 1.
    private StepResult TrainStep()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_options.Seed, Step));    // the step's latents and penalty mixing
        StepResult result = default;
        Tensor labels = null!;
        for (var i = 0; i < _options.DiscriminatorSteps; i++)
        {
            // D step: real batch mapped to [−1, 1]; fakes with the same labels, detached from G.
            var (images, batchLabels) = Batch((Step * _options.DiscriminatorSteps) + i);
            labels = batchLabels;
            var real = DcganGenerator.FromUnitRange(images);                                  // (B, C, H, W)
            Tensor fake;
            using (no_grad())
            {
                fake = Generator.call(GanSampling.Latents(labels.shape[0], _config.Model.LatentSize, real.device), labels);
            }

            result = DiscriminatorStep(real, fake, labels);
        }

        // G step with D frozen: fresh z, the last batch's labels (the data's class frequencies).
        SetTrainable(Discriminator, false);
        _generatorOptimizer.zero_grad();
        var generated = Generator.call(GanSampling.Latents(labels.shape[0], _config.Model.LatentSize, labels.device), labels);
        var (fakeLogits, fakeClasses) = Discriminator.ScoreAndClassify(generated, labels);
        var generatorLoss = GanLosses.Generator(_options.Objective, fakeLogits) + ClassLoss(fakeClasses, labels);
        generatorLoss.backward();
        _generatorOptimizer.step();
        SetTrainable(Discriminator, true);

        ExponentialMovingAverage.Update(AverageGenerator, Generator, _options.EmaDecay, Step);
        return result with { GeneratorLoss = generatorLoss.item<float>() };
    }

    private StepResult DiscriminatorStep(Tensor real, Tensor fake, Tensor labels)
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
        return new StepResult(loss.item<float>(), 0, GanLosses.Display(_options.Objective, realLogits),
            GanLosses.Display(_options.Objective, fakeLogits), penalty, _options.Objective);
    }

    // AC-GAN's log-likelihood of the right class (Odena et al. 2017, eq. 2–3) as a weighted cross-entropy; zero without a class head.
    private Tensor ClassLoss(Tensor? classLogits, Tensor labels) => classLogits is null
        ? zeros(1, device: labels.device).squeeze()
        : _options.ClassLossWeight * nn.functional.cross_entropy(classLogits, labels);

    private static void SetTrainable(nn.Module module, bool trainable)
    {
        foreach (var parameter in module.parameters())
        {
            parameter.requires_grad = trainable;
        }
    }

    private string? Diverged(StepResult result)
    {
        if (!double.IsFinite(result.DiscriminatorLoss) || !double.IsFinite(result.GeneratorLoss))
        {
            return $"a loss is not finite (D {result.DiscriminatorLoss}, G {result.GeneratorLoss})";
        }

        var pinned = GanLosses.ShowsProbabilities(_options.Objective) && IsPinned(result.DReal) && IsPinned(result.DFake);
        _saturatedSteps = pinned ? _saturatedSteps + 1 : 0;
        return _saturatedSteps >= _options.DivergencePatience
            ? $"D(x) = {result.DReal:F3} and D(G(z)) = {result.DFake:F3} have been pinned at 0 or 1 for {_saturatedSteps} steps"
            : null;

        static bool IsPinned(double p) => p < Saturated || p > 1 - Saturated;
    }

    // Discriminator batch number n of the whole run: data order is a pure function of (seed, epoch).
    private (Tensor Images, Tensor Labels) Batch(long n)
    {
        var perEpoch = _loader.BatchesPerEpoch;
        var epoch = (int)(n / perEpoch);
        if (_order.Epoch != epoch)
        {
            _order = (epoch, _loader.Order(epoch));
        }

        var start = (int)(n % perEpoch) * _loader.BatchSize;
        var indices = _order.Order.AsSpan(start, Math.Min(_loader.BatchSize, _order.Order.Length - start)).ToArray();
        return _loader.Gather(indices);
    }

    private double Epoch() => (double)Step * _options.DiscriminatorSteps / _loader.BatchesPerEpoch;

    private void SaveFixedSamples()
    {
        var (pixels, count, columns) = FixedSamples();
        var o = _config.Model;
        ImageGrid.SavePng(_run.File("images", $"step-{Step:D6}.png"), pixels, count, o.Channels, o.ImageSize, o.ImageSize, columns);
    }

    private void SaveCheckpoint()
    {
        Checkpoint.Save(_run.LastCheckpointPath, GanRunConfig.RunKind, Step, _run.Id, Modules(), Optimizers());
        GanLossCurve.Save(_run.File("loss.png"), _metrics.ReadAll());
    }

    private (string, nn.Module)[] Modules() => [("generator", Generator), ("discriminator", Discriminator), ("generator_ema", AverageGenerator)];

    private (string, OptimizerHelper)[] Optimizers() => [("adam_generator", _generatorOptimizer), ("adam_discriminator", _discriminatorOptimizer)];

    private static void RequireData(ImageDataset data, GanOptions options)
    {
        if (data.Channels != options.Channels || data.Height != options.ImageSize || data.Width != options.ImageSize)
        {
            throw new ArgumentException(
                $"{data.Source}: images are {data.Channels}x{data.Height}x{data.Width}, the GAN expects {options.Channels}x{options.ImageSize}x{options.ImageSize}.");
        }

        if (options.IsConditional && data.ClassCount != options.ClassCount)
        {
            throw new ArgumentException($"{data.Source}: {data.ClassCount} classes, the conditional GAN expects {options.ClassCount}.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _fixedZ.Dispose();
        _fixedLabels.Dispose();
        Generator.Dispose();
        Discriminator.Dispose();
        AverageGenerator.Dispose();
    }

    private readonly record struct StepResult(double DiscriminatorLoss, double GeneratorLoss, double DReal, double DFake, double Penalty, GanObjective Objective)
    {
        public IReadOnlyList<(string Name, double Value)> Shown() =>
        [
            ("D loss", DiscriminatorLoss),
            ("G loss", GeneratorLoss),
            (GanLosses.ShowsProbabilities(Objective) ? "D(x)" : "D(x) score", DReal),
            (GanLosses.ShowsProbabilities(Objective) ? "D(G(z))" : "D(G(z)) score", DFake),
        ];
    }

    private sealed class Window
    {
        private double _d, _g, _real, _fake, _penalty, _seconds;
        private int _steps, _images;

        public double ImagesPerSecond => _seconds > 0 ? _images / _seconds : 0;

        public void Add(StepResult r, int images, double seconds)
        {
            (_d, _g, _real, _fake, _penalty) = (_d + r.DiscriminatorLoss, _g + r.GeneratorLoss, _real + r.DReal, _fake + r.DFake, _penalty + r.Penalty);
            _steps++;
            _images += images;
            _seconds += seconds;
        }

        public GanStepMetrics ToMetrics(long step, double epoch) =>
            new(step, epoch, _d / _steps, _g / _steps, _real / _steps, _fake / _steps, _penalty / _steps, ImagesPerSecond, _seconds);
    }
}
