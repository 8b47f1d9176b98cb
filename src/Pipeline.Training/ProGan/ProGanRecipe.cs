using Pipeline.Models.Gans;
using Pipeline.Models.ProGan;
using Pipeline.Training.Batching;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;
using TorchSharp.Modules;

namespace Pipeline.Training.ProGan;

/// <summary>
/// Progressive GAN's training recipe (Karras et al. 2018): each step runs both networks at the stage the
/// <see cref="ProGanSchedule"/> gives for it (level and fade-in α), one critic step then one generator step, each an
/// Adam(0.001, β = (0, 0.99)) step, then the moving average of G.
/// <para>
/// The loss is the paper's own (appendix A.1): WGAN-GP (Gulrajani et al. 2017, eq. 3) with λ = 10 plus the drift
/// term ε·E[D(x)²], ε = 0.001, which keeps the critic's unbounded scores from wandering off:
/// L_D = E[D(x̃)] − E[D(x)] + λ·E[(‖∇D(x̂)‖₂ − 1)²] + ε·E[D(x)²], L_G = −E[D(x̃)]. It was chosen over the
/// non-saturating loss with R1 because it is what the schedule, learning rate and equalized layers were tuned
/// with, and because the GAN family's losses (<see cref="GanLosses"/>) already implement its terms.
/// </para>
/// </summary>
public sealed class ProGanRecipe : ITrainingRecipe<ProGanStepReport, ProGanStepMetrics>, IDisposable
{
    private readonly ProGanRunConfig _config;
    private readonly ProGanTrainingOptions _options;
    private readonly ProGanSchedule _schedule;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;
    private readonly FixedSampleGrid _fixed;

    /// <summary>Builds the networks (every level's layers: the optimisers' state never changes shape) and the optimisers.</summary>
    public ProGanRecipe(ProGanRunConfig config, ImageDataset train, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        RequireData(train, config.Model);

        _config = config;
        _options = config.Training;
        _schedule = config.Schedule;
        random.manual_seed(_options.Seed);   // initial weights
        Networks = ProGanNetworks.Create(config.Model);
        ExponentialMovingAverage.CopyFrom(AverageGenerator, Generator);
        Networks.To(device);
        AverageGenerator.eval();
        _generatorOptimizer = optim.Adam(Generator.parameters(), _options.LearningRate, _options.Beta1, _options.Beta2);
        _discriminatorOptimizer = optim.Adam(Discriminator.parameters(), _options.LearningRate, _options.Beta1, _options.Beta2);
        _loader = new MiniBatchLoader(train, _options.BatchSize, _options.Seed, device);
        _fixed = new FixedSampleGrid(config.Model.ClassCount, config.Model.LatentSize, _options.Seed, device);
        Optimizers = AdversarialUpdates.Optimizers(_generatorOptimizer, _discriminatorOptimizer);
        Cadence = new TrainingCadence(LogEvery: _options.LogEverySteps, CheckpointEvery: _options.CheckpointEverySteps, SampleEvery: _options.SampleEverySteps);
    }

    /// <summary>G, D and the moving average of G.</summary>
    public ProGanNetworks Networks { get; }

    /// <summary>G, trained directly.</summary>
    public ProGanGenerator Generator => Networks.Generator;

    /// <summary>D.</summary>
    public ProGanDiscriminator Discriminator => Networks.Discriminator;

    /// <summary>The moving average of G's weights, used for samples, evaluation and export.</summary>
    public ProGanGenerator AverageGenerator => Networks.AverageGenerator;

    /// <inheritdoc />
    public string Kind => ProGanRunConfig.RunKind;

    /// <inheritdoc />
    public long TotalSteps => _config.TotalSteps;

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules => Networks.Checkpointed();

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>One critic step and one generator step at the step's stage.</summary>
    public ProGanStepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_options.Seed, step));    // the step's latents and penalty mixing
        var stage = _schedule.At(step);
        var (level, alpha) = (stage.Level, stage.Alpha);
        var (images, labels) = _loader.Gather(_loader.Batch(step));
        var real = ProGanResampling.RealsAt(DcganGenerator.FromUnitRange(images), stage.Size, alpha);    // (B, C, s, s)
        var latentSize = _config.Model.LatentSize;

        // D step on reals and detached fakes, scored apart so that minibatch-stddev groups never mix them.
        Tensor fake;
        using (no_grad())
        {
            fake = Generator.Grow(GanSampling.Latents(labels.shape[0], latentSize, real.device), labels, level, alpha);
        }

        _discriminatorOptimizer.zero_grad();
        var realScores = Discriminator.Score(real, labels, level, alpha);                     // (B)
        var fakeScores = Discriminator.Score(fake, labels, level, alpha);                     // (B)
        var penalty = GanLosses.GradientPenalty(x => Discriminator.Score(x, labels, level, alpha), real, fake);
        var drift = realScores.square().mean();
        var discriminatorLoss = GanLosses.Discriminator(GanObjective.WassersteinGradientPenalty, realScores, fakeScores)
            + (_options.GradientPenaltyWeight * penalty) + (_options.DriftWeight * drift);
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();

        // G step with D frozen, on fresh latents and the batch's labels (the data's class frequencies).
        AdversarialUpdates.SetTrainable([Discriminator], false);
        _generatorOptimizer.zero_grad();
        var generated = Generator.Grow(GanSampling.Latents(labels.shape[0], latentSize, real.device), labels, level, alpha);
        var generatorLoss = GanLosses.Generator(GanObjective.WassersteinGradientPenalty, Discriminator.Score(generated, labels, level, alpha));
        generatorLoss.backward();
        _generatorOptimizer.step();
        AdversarialUpdates.SetTrainable([Discriminator], true);

        ExponentialMovingAverage.Update(AverageGenerator, Generator, _options.EmaDecay, step);
        return new ProGanStepReport(discriminatorLoss.item<float>(), generatorLoss.item<float>(), realScores.mean().item<float>(), fakeScores.mean().item<float>(),
            penalty.item<float>(), stage.Size, alpha, _loader.BatchSize);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps / _loader.BatchesPerEpoch;

    /// <summary>Means over the window's steps, with the stage of its last step.</summary>
    public ProGanStepMetrics Summarise(StepWindow<ProGanStepReport> window)
    {
        var steps = window.Steps;
        var last = steps[^1];
        return new ProGanStepMetrics(window.EndStep, EpochOf(window.EndStep), steps.Average(r => r.DiscriminatorLoss), steps.Average(r => r.GeneratorLoss),
            steps.Average(r => r.DReal), steps.Average(r => r.DFake), steps.Average(r => r.Penalty), last.Size, last.Alpha, window.ImagesPerSecond, window.Seconds);
    }

    /// <summary>Non-finite losses.</summary>
    public Divergence? CheckDivergence(ProGanStepReport report) =>
        double.IsFinite(report.DiscriminatorLoss) && double.IsFinite(report.GeneratorLoss)
            ? null
            : new Divergence($"a loss is not finite (D {report.DiscriminatorLoss}, G {report.GeneratorLoss}) at {report.Size}x{report.Size}", "try a lower --lr or more --images-per-phase.");

    /// <summary>
    /// The fixed-noise grid of the averaged generator at the stage of the last step done (doubled to full size) as
    /// images/step-NNNNNN.png; at a stable stage also images/size-SxS.png, so that the run keeps one picture per
    /// resolution it grew through.
    /// </summary>
    public void SaveSamples(RunFolder run, long steps)
    {
        using var scope = NewDisposeScope();
        var stage = _schedule.At(Math.Max(steps - 1, 0));
        var o = _config.Model;
        var pixels = TensorPixels.ToArray(ProGanSampling.Generate(AverageGenerator, _fixed.Z, _fixed.Labels, stage.Level, stage.Alpha));
        _fixed.SavePng(FixedSampleGrid.StepFile(run, steps), pixels, o.Channels, o.ImageSize);
        if (!stage.IsFading)
        {
            _fixed.SavePng(run.File("images", $"size-{stage.Size:D2}x{stage.Size:D2}.png"), pixels, o.Channels, o.ImageSize);
        }
    }

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<ProGanStepMetrics> metrics) => GanLossCurve.Save(path, [.. metrics.Select(m => m.AsGan())]);

    private static void RequireData(ImageDataset data, ProGanOptions options)
    {
        TrainingData.RequireShape(data, options.Channels, options.ImageSize, options.ImageSize, "Progressive GAN");
        TrainingData.RequireClasses(data, options.ClassCount, "Progressive GAN");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _fixed.Dispose();
        Networks.Dispose();
    }
}
