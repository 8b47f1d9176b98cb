using Pipeline.Models.Gans;
using Pipeline.Models.StyleGan;
using Pipeline.Training.Batching;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;
using TorchSharp.Modules;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// StyleGAN2's training recipe (Karras et al. 2020, appendix B; the phases of StyleGAN2-ADA's loop): per step a D update
/// on the non-saturating logistic loss, every k_D = 16 steps a separate D update on R1, a G update on the
/// non-saturating loss, every k_G = 4 steps a separate G update on the path-length penalty, then the moving average of
/// G; optionally ADA's augmentation of everything D sees. Metrics every LogEverySteps, fixed-latent grids of the
/// averaged G every SampleEverySteps. Names: G = <see cref="StyleGenerator"/> (mapping f, synthesis g), D =
/// <see cref="StyleDiscriminator"/>, x real images, z latents, w = f(z) styles, c class labels (conditional models).
/// </summary>
public sealed class StyleGanRecipe : ITrainingRecipe<StyleGanStepReport, StyleGanStepMetrics>, IDisposable
{
    private readonly StyleGanRunConfig _config;
    private readonly StyleGanTrainingOptions _options;
    private readonly StyleGanNetworks _networks;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;
    private readonly FixedSampleGrid _fixed;

    /// <summary>Builds the networks (seeded), the lazily adjusted Adam optimisers and the fixed sample latents.</summary>
    /// <param name="config">The run; validated here.</param>
    /// <param name="train">Training images at the model's size (see <see cref="StyleGanData.ForTraining"/>).</param>
    /// <param name="device">Where to train.</param>
    public StyleGanRecipe(StyleGanRunConfig config, ImageDataset train, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        var data = StyleGanData.ForTraining(train, config.Model);
        TrainingData.RequireClasses(data, config.Model.ClassCount, "StyleGAN");

        _config = config;
        _options = config.Training;
        random.manual_seed(_options.Seed);   // initial weights and fixed noise
        _networks = StyleGanNetworks.Create(config.Model);
        _networks.To(device);
        AverageGenerator.eval();
        // Lazy regularisation: each optimiser's λ and β adjusted for its regulariser's interval (appendix B).
        _generatorOptimizer = LazyRegularization.Adam(Generator.parameters(), _options.GeneratorLearningRate, _options.Beta1, _options.Beta2,
            _options.PathLengthWeight > 0 ? _options.PathLengthInterval : 0);
        _discriminatorOptimizer = LazyRegularization.Adam(Discriminator.parameters(), _options.DiscriminatorLearningRate, _options.Beta1, _options.Beta2,
            _options.R1Gamma > 0 ? _options.R1Interval : 0);
        _loader = new MiniBatchLoader(data, _options.BatchSize, _options.Seed, device);
        _fixed = new FixedSampleGrid(config.Model.ClassCount, config.Model.LatentSize, _options.Seed, device);
        Modules = _networks.Checkpointed();
        Optimizers = AdversarialUpdates.Optimizers(_generatorOptimizer, _discriminatorOptimizer);
        Cadence = new TrainingCadence(LogEvery: _options.LogEverySteps, CheckpointEvery: _options.CheckpointEverySteps, SampleEvery: _options.SampleEverySteps);
    }

    /// <summary>G, trained directly.</summary>
    public StyleGenerator Generator => _networks.Generator;

    /// <summary>D.</summary>
    public StyleDiscriminator Discriminator => _networks.Discriminator;

    /// <summary>The moving average of G's weights, used for samples (noise fixed).</summary>
    public StyleGenerator AverageGenerator => _networks.AverageGenerator;

    /// <summary>The path-length mean and ADA's p.</summary>
    public StyleGanTrainingState State => _networks.State;

    /// <inheritdoc />
    public string Kind => StyleGanRunConfig.RunKind;

    /// <inheritdoc />
    public long TotalSteps => _options.Steps;

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>Whether step <paramref name="step"/> (0-based) runs the lazy R1 update.</summary>
    public bool RunsR1(long step) => _options.R1Gamma > 0 && step % _options.R1Interval == 0;

    /// <summary>Whether step <paramref name="step"/> runs the lazy path-length update.</summary>
    public bool RunsPathLength(long step) => _options.PathLengthWeight > 0 && _options.PathLengthInterval > 0 && step % _options.PathLengthInterval == 0;

    /// <summary>One step: D main (+ R1 every k_D), G main (+ path length every k_G), the moving average, ADA's p.</summary>
    public StyleGanStepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_options.Seed, step));     // the step's latents, mixing, noise and augmentations
        var (images, labels) = _loader.Gather(_loader.Batch(step));
        var x = DcganGenerator.FromUnitRange(images);                // (B, C, H, W) in [−1, 1]
        var c = _config.Model.IsConditional ? labels : null;         // G's images take the batch's classes (the data's frequencies)
        var batch = x.shape[0];
        var p = _options.AdaptiveAugmentation ? State.AugmentProbability : 0;

        // D main: −log σ(D(x)) − log(1 − σ(D(G(z)))) (Goodfellow et al. 2014, eq. 1), G's images detached.
        Tensor fake;
        using (no_grad())
        {
            fake = Generator.Synthesize(StyleMixing.Styles(Generator, batch, c, _options.StyleMixingProbability));
        }

        _discriminatorOptimizer.zero_grad();
        var realLogits = D(x, c, p);
        var fakeLogits = D(fake, c, p);
        var discriminatorLoss = GanLosses.Discriminator(GanObjective.NonSaturating, realLogits, fakeLogits);
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();
        var realSign = realLogits.detach().sign().mean().item<float>();

        // D reg, lazy: k_D · γ/2 · E‖∇D(x)‖² on reals (Mescheder et al. 2018, eq. 9; Karras et al. 2020, §3.1).
        double? r1 = null;
        if (RunsR1(step))
        {
            _discriminatorOptimizer.zero_grad();
            var penalty = StyleGanRegularizers.R1(real => D(real, c, p), x).mean();
            (penalty * (_options.R1Gamma / 2 * _options.R1Interval)).backward();
            _discriminatorOptimizer.step();
            r1 = penalty.item<float>();
        }

        // G main with D frozen: −log σ(D(G(z))) (Goodfellow et al. 2014, §3), styles mixed with probability 0.9.
        AdversarialUpdates.SetTrainable([Discriminator], false);
        _generatorOptimizer.zero_grad();
        var ws = StyleMixing.Styles(Generator, batch, c, _options.StyleMixingProbability);     // (B, L, W)
        Generator.TrackAverage(ws.select(1, 0).detach(), c, _options.WAverageBeta);           // w̄ ← lerp(w̄, mean w, 1 − β) per class
        var generatorLoss = GanLosses.Generator(GanObjective.NonSaturating, D(Generator.Synthesize(ws), c, p));
        generatorLoss.backward();
        _generatorOptimizer.step();
        AdversarialUpdates.SetTrainable([Discriminator], true);

        // G reg, lazy: k_G · w_pl · (‖J_wᵀ y‖₂ − a)² on a batch shrunk by 2, a the running mean (Karras et al. 2020, eq. 4).
        var (pathLength, pathPenalty) = RunsPathLength(step) ? PathLengthStep(batch, c) : ((double?)null, (double?)null);

        ExponentialMovingAverage.Update(AverageGenerator, Generator, _options.EmaDecay, step);
        var shownP = _options.AdaptiveAugmentation ? p : (double?)null;
        if (_options.AdaptiveAugmentation)
        {
            AdjustAugmentation(realSign, batch);
        }

        return new StyleGanStepReport(discriminatorLoss.item<float>(), generatorLoss.item<float>(), Probability(realLogits), Probability(fakeLogits),
            r1, pathLength, pathPenalty, shownP, realSign, (int)batch);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps / _loader.BatchesPerEpoch;

    /// <summary>Means over the window's steps; the lazy terms over the steps that ran them.</summary>
    public StyleGanStepMetrics Summarise(StepWindow<StyleGanStepReport> window)
    {
        var s = window.Steps;
        return new StyleGanStepMetrics(
            window.EndStep, EpochOf(window.EndStep),
            s.Average(r => r.DiscriminatorLoss), s.Average(r => r.GeneratorLoss), s.Average(r => r.DReal), s.Average(r => r.DFake),
            MeanOf(s.Select(r => r.R1)), MeanOf(s.Select(r => r.PathLength)), MeanOf(s.Select(r => r.PathLengthPenalty)),
            _options.AdaptiveAugmentation ? State.AugmentProbability : null,
            s.Average(r => r.RealSign), window.ImagesPerSecond, window.Seconds);

        static double? MeanOf(IEnumerable<double?> values) => values.OfType<double>().ToArray() is { Length: > 0 } v ? v.Average() : null;
    }

    /// <summary>Non-finite losses or regularisers.</summary>
    public Divergence? CheckDivergence(StyleGanStepReport report)
    {
        var values = new[] { report.DiscriminatorLoss, report.GeneratorLoss, report.R1 ?? 0, report.PathLength ?? 0 };
        return values.All(double.IsFinite)
            ? null
            : new Divergence($"a loss is not finite (D {report.DiscriminatorLoss}, G {report.GeneratorLoss}, R1 {report.R1}, path length {report.PathLength})",
                "try a lower learning rate or a larger --r1-gamma.");
    }

    /// <summary>The fixed-latent grid of the averaged generator as pixels in [0, 1], with its count and column count.</summary>
    public (float[] Pixels, int Count, int Columns) FixedSamples()
    {
        using var mode = new EvaluationMode(AverageGenerator);
        var images = DcganGenerator.ToUnitRange(AverageGenerator.Generate(_fixed.Z, _config.Model.IsConditional ? _fixed.Labels : null));
        return (TensorPixels.ToArray(images), _fixed.Count, _fixed.Columns);
    }

    /// <summary>The fixed-latent grid as images/step-NNNNNN.png (one row per class for a conditional model).</summary>
    public void SaveSamples(RunFolder run, long steps)
    {
        var o = _config.Model;
        _fixed.SavePng(FixedSampleGrid.StepFile(run, steps), FixedSamples().Pixels, o.Channels, o.ImageSize);
    }

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<StyleGanStepMetrics> metrics) => StyleGanLossCurve.Save(path, metrics);

    // D's logits for images through ADA's augmentation (identity at p = 0).
    private Tensor D(Tensor images, Tensor? labels, double p) => Discriminator.call(AdaptiveAugmentation.Apply(images, p), labels);

    private (double?, double?) PathLengthStep(long batch, Tensor? labels)
    {
        _generatorOptimizer.zero_grad();
        var n = Math.Min(batch, _options.PathLengthBatch);
        Tensor ws;
        using (no_grad())
        {
            ws = StyleMixing.Styles(Generator, n, labels?.narrow(0, 0, n), _options.StyleMixingProbability);   // (n, L, W)
        }

        var lengths = StyleGanRegularizers.PathLengths(Generator.Synthesize, ws);                         // (n)
        var mean = lengths.mean().item<float>();
        var a = State.PathLengthMean + (_options.PathLengthDecay * (mean - State.PathLengthMean));     // a ← lerp(a, E‖J_wᵀy‖, decay)
        State.PathLengthMean = a;
        var penalty = StyleGanRegularizers.PathLengthPenalty(lengths, a);
        (penalty * (_options.PathLengthWeight * _options.PathLengthInterval)).backward();
        _generatorOptimizer.step();
        return (mean, penalty.item<float>());
    }

    // ADA (Karras et al. 2020b, §3): every AdaInterval steps, p moves by ±B·interval/speed towards r_t = target.
    private void AdjustAugmentation(double realSign, long batch)
    {
        State.RealSignSum += realSign * batch;
        State.RealSignCount += batch;
        if (State.RealSignCount >= _options.AdaInterval * (double)_options.BatchSize)
        {
            var rt = State.RealSignSum / State.RealSignCount;
            State.AugmentProbability = AdaptiveAugmentation.Adjust(State.AugmentProbability, rt, _options.AdaTarget, State.RealSignCount, _options.AdaSpeedImages);
            (State.RealSignSum, State.RealSignCount) = (0, 0);
        }
    }

    private static double Probability(Tensor logits) => GanLosses.Display(GanObjective.NonSaturating, logits);

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _fixed.Dispose();
        _networks.Dispose();
    }
}
