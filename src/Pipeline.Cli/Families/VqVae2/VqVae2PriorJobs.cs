using System.Diagnostics;
using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Loop;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>
/// The prior stages of a VQ-VAE-2 run, one command each as in rosinality/vq-vae-2-pytorch: codes extracted once into
/// RUN/codes, then <c>train vqvae2-prior --level top</c> and <c>--level bottom</c> into RUN/priors/LEVEL.
/// </summary>
internal static class VqVae2PriorJobs
{
    /// <summary>Trains (or resumes) the <paramref name="level"/> prior of <paramref name="autoencoderRun"/> in <paramref name="priorPath"/>; returns the exit code.</summary>
    public static int Train(string autoencoderRun, string level, PixelCnnOptions shape, PixelCnnTrainingOptions training, string priorPath, bool resume, VerbContext context, CancellationToken cancellation)
    {
        RunKinds.Open(autoencoderRun, VqVae2RunConfig.RunKind, "`train vqvae2`");
        var codes = VqVae2CodeSet.FolderOf(autoencoderRun);
        var run = resume ? RunKinds.Open(priorPath, VqVae2PriorRunConfig.RunKind, "`train vqvae2-prior`") : null;
        var config = run?.ReadConfig<VqVae2PriorRunConfig>();
        if (config is null)
        {
            var stamp = EnsureCodes(autoencoderRun, codes, context.Device);
            config = new VqVae2PriorRunConfig(level, VqVae2PriorRunConfig.Network(level, stamp, shape, training), training, stamp, context.DeviceName, context.Threads);
            CliError.Check(config.Model.Validate);
        }

        // The trainer reads and checks the codes before a new run folder is made, so bad codes leave no half-made run.
        using var holder = new TrainerHolder();
        if (run is null)
        {
            var probe = RunFolder.Create(priorPath);
            holder.Trainer = VqVae2PriorTrainer.Create(probe, config, codes, context.Device);
            probe.WriteConfig(config);
            run = probe;
        }
        else
        {
            holder.Trainer = VqVae2PriorTrainer.Create(run, config, codes, context.Device);
            holder.Trainer.Resume();
            Terminal.Info($"resumed {run.Path} at step {holder.Trainer.Step} of {holder.Trainer.TotalSteps}");
        }

        var trainer = holder.Trainer;
        var o = config.Model;
        Terminal.Info($"{level} prior: {o.Height}x{o.Width} grids of {o.Levels} codes{(o.IsSpatiallyConditioned ? $" given the {o.ConditionHeight}x{o.ConditionWidth} top codes" : "")}, {o.ClassCount} classes; {o.Layers} gated layers of {o.Channels} channels; codes of autoencoder step {config.Codes.AutoencoderStep} ({config.Codes.TrainImages} training, {config.Codes.TestImages} test grids)");
        var result = TrainingProgressBar.Run($"{level} prior {run.Id}", trainer.TotalSteps, trainer.Step, progress => trainer.Train(progress, cancellation));
        Terminal.Summary($"VQ-VAE-2 {level} prior ({run.Path})", trainer.Metrics.Select(m => (
            $"epoch {m.Epoch:F2} (step {m.Step})",
            $"train {m.TrainBitsPerDimension:F4} bits/code  test {m.TestBitsPerDimension:F4} bits/code ({m.TestImages} grids)  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} grids/s")));
        if (trainer.Metrics is { Count: > 0 } lines)
        {
            Terminal.Info($"test bits per code ({level}): {lines[^1].TestBitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)} (exact −log₂ p over {lines[^1].TestImages} test grids / {o.Positions} positions)");
        }

        Terminal.Wrote("metrics", run.MetricsPath);
        Terminal.Wrote("checkpoint", run.LastCheckpointPath);
        Terminal.Wrote("loss curve", trainer.LossPlotPath);
        if (result.Outcome == TrainingOutcome.Interrupted)
        {
            Terminal.Warn($"interrupted at step {result.Step}: continue with `train vqvae2-prior --autoencoder {autoencoderRun} --level {level} --resume`");
        }

        return 0;
    }

    /// <summary>Images drawn per batch: large enough to amortise a pass per position, small enough for memory.</summary>
    private const int SampleBatch = 100;

    /// <summary>
    /// Ancestral samples (top codes, bottom codes, decode), image n from image seed <paramref name="seed"/> + n, as a PNG
    /// grid (one row per class in turn) and/or IDX files with the requested labels.
    /// </summary>
    public static void Sample(TrainedVqVae2 model, VqVae2Priors priors, Device device, int count, IReadOnlyList<int>? labels, CategoricalSampling sampling, int seed, bool png, bool idx, string? path)
    {
        var clock = Stopwatch.StartNew();
        var (pixels, drawn) = Draw(model, priors, device, count, labels, sampling, seed);
        var o = model.Config.Model;
        var classes = priors.Top.Config.Model.ClassCount;
        Terminal.Info($"{count} images drawn code by code in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:F2} images/s; {priors.Top.Net.Options.Positions} + {priors.Bottom.Net.Options.Positions} prior passes per batch)");
        var stem = path is null ? model.Run.File("images", "samples") : Path.ChangeExtension(Path.GetFullPath(path), null);
        Pictures.SaveGenerated(stem, pixels, drawn, (o.Channels, o.ImageSize, o.ImageSize), classes, model.Run.Id, png, idx, rowPerClass: classes > 0 && labels is not { Count: > 0 }, model.Data.Train.ClassNames);
    }

    /// <summary>Planar pixels (N·C·H·W in [0, 1]) and labels of <paramref name="count"/> samples, drawn in batches; image n has seed <paramref name="seed"/> + n.</summary>
    public static (float[] Pixels, int[] Labels) Draw(TrainedVqVae2 model, VqVae2Priors priors, Device device, int count, IReadOnlyList<int>? labels, CategoricalSampling sampling, int seed)
    {
        long[] requested;
        try
        {
            requested = PixelCnnSampler.Labels(priors.Top.Net, count, labels) ?? new long[count];
        }
        catch (ArgumentException ex)
        {
            throw new CliError(ex.Message);
        }

        var pixels = new List<float>();
        for (var first = 0; first < count; first += SampleBatch)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(SampleBatch, count - first);
            var seeds = Enumerable.Range(first, n).Select(i => (long)seed + i).ToArray();
            var (images, top, bottom) = VqVae2Sampler.Sample(model.Model, priors.Top.Net, priors.Bottom.Net, seeds, requested[first..(first + n)], sampling, device);
            pixels.AddRange(TensorPixels.ToArray(images));
            top.Dispose();
            bottom.Dispose();
        }

        return ([.. pixels], requested.Select(l => (int)l).ToArray());
    }

    /// <summary>
    /// Each prior's exact test bits per code, and <paramref name="samples"/> class-conditional samples (classes in turn)
    /// drawn with <paramref name="sampling"/> and judged by the classifier (share recognised as the requested class,
    /// Fréchet distance in its features) → the run's evaluation.json beside the autoencoder's figures.
    /// </summary>
    public static void Evaluate(TrainedVqVae2 model, VqVae2Priors priors, VqVae2Evaluation autoencoder, Device device, string? classifierPath, int samples,
        CategoricalSampling sampling, int seed)
    {
        var codes = VqVae2CodeSet.FolderOf(model.Run.Path);
        var stamp = EnsureCodes(model.Run.Path, codes, device);
        var bits = new Dictionary<string, double>();
        foreach (var prior in new[] { priors.Top, priors.Bottom })
        {
            var test = PriorCodes.Load(CodeFiles.In(codes, "test"), prior.Config.Level, stamp, device);
            bits[prior.Config.Level] = PixelCnnEvaluator.Evaluate(prior.Net, test).BitsPerDimension;
        }

        GeneratedJudgement? judgement = null;
        double perSecond = 0;
        if (samples > 0)
        {
            using var classifier = JudgingClassifier.Load(model.Run.Path, model.Config.Data, model.Data, device, classifierPath, seed);
            var clock = Stopwatch.StartNew();
            var (pixels, labels) = Draw(model, priors, device, samples, null, sampling, seed);
            perSecond = samples / clock.Elapsed.TotalSeconds;
            using var scope = NewDisposeScope();
            var o = model.Config.Model;
            var images = tensor(pixels, [samples, o.Channels, o.ImageSize, o.ImageSize], device: device);
            var requested = priors.Top.Config.Model.IsClassConditional ? tensor(labels.Select(l => (long)l).ToArray(), device: device) : null;
            judgement = GeneratedImageJudge.Judge(classifier, images, requested, model.Data.Train, model.Data.Test, device);
        }

        var result = new VqVae2PriorEvaluation(priors.Top.Step, priors.Bottom.Step, bits[VqVae2PriorLevel.Top], bits[VqVae2PriorLevel.Bottom], stamp.TestImages, samples, samples > 0 ? sampling : null, judgement, perSecond);
        var path = model.Run.WriteEvaluation(new VqVae2EvaluationFile(model.Step, autoencoder, result));
        var rows = new List<(string, string)>
        {
            ($"top prior: test bits per code ({stamp.TestImages} grids, step {priors.Top.Step})", bits[VqVae2PriorLevel.Top].ToString("F4", CultureInfo.InvariantCulture)),
            ($"bottom prior: test bits per code (step {priors.Bottom.Step})", bits[VqVae2PriorLevel.Bottom].ToString("F4", CultureInfo.InvariantCulture)),
        };
        if (judgement is not null)
        {
            rows.Add(($"samples recognised as the requested class ({samples}; τ {sampling.Temperature.ToString(CultureInfo.InvariantCulture)}, top-k {sampling.TopK?.ToString(CultureInfo.InvariantCulture) ?? "all"}, top-p {sampling.TopP?.ToString(CultureInfo.InvariantCulture) ?? "1"}, guidance {sampling.Guidance.ToString(CultureInfo.InvariantCulture)})", judgement.ClassAccuracy is { } a ? $"{a:P1}" : "n/a (unconditional)"));
            rows.Add(("  same classifier on real test images", $"{judgement.RealAccuracy:P1}"));
            rows.AddRange(ClassBreakdown.Rows(judgement.PerClass, model.Data.Train.ClassNames));
            rows.Add(("Fréchet distance to the test set (classifier features)", $"{judgement.FrechetDistance:F3}"));
            rows.Add(("  real training images to the test set (floor)", $"{judgement.RealFrechetDistance:F3}"));
            rows.Add(("sampling speed (TorchSharp)", $"{perSecond:F2} images/s"));
        }

        Terminal.Summary($"VQ-VAE-2 priors ({model.Run.Id})", rows);
        Terminal.Wrote("evaluation", path);
    }

    /// <summary>
    /// The run's codes, extracted now unless RUN/codes already holds those of its current checkpoint. Two priors started
    /// together share one extraction: the second waits for the first's lock on the codes folder.
    /// </summary>
    public static VqVae2CodeStamp EnsureCodes(string autoencoderRun, string codes, Device device)
    {
        using var writing = RunLock.Acquire(codes, wait: TimeSpan.FromMinutes(30), Terminal.Notes);
        using var model = TrainedVqVae2.Load(autoencoderRun, device);
        if (VqVae2CodeSet.Current(model, codes) is { } current)
        {
            Terminal.Info($"reusing the codes in {codes} (autoencoder step {current.AutoencoderStep})");
            return current;
        }

        var clock = Stopwatch.StartNew();
        var stamp = VqVae2Jobs.ExtractWithProgress(model, device, codes);
        Terminal.Info($"extracted the codes of {stamp.TrainImages} training and {stamp.TestImages} test images (autoencoder step {stamp.AutoencoderStep}) into {codes} in {clock.Elapsed.TotalSeconds:F1} s");
        return stamp;
    }

    /// <summary>Disposes the trainer however the job ends.</summary>
    private sealed class TrainerHolder : IDisposable
    {
        public PixelCnnTrainer? Trainer { get; set; }

        public void Dispose() => Trainer?.Dispose();
    }
}

/// <summary>What <c>evaluate</c> adds to a VQ-VAE-2 run's evaluation.json when both priors are trained.</summary>
/// <param name="TopStep">Steps of the top prior.</param>
/// <param name="BottomStep">Steps of the bottom prior.</param>
/// <param name="TopBitsPerCode">Exact test −log₂ p of the top grids per code.</param>
/// <param name="BottomBitsPerCode">Exact test −log₂ p of the bottom grids given the top grids, per code.</param>
/// <param name="TestGrids">Test grids evaluated.</param>
/// <param name="Samples">Class-conditional samples judged (0: none).</param>
/// <param name="Sampling">Temperature, top-k and top-p the samples were drawn with.</param>
/// <param name="Judgement">The classifier's view of the samples, when drawn.</param>
/// <param name="SamplesPerSecond">Ancestral sampling throughput in TorchSharp.</param>
internal sealed record VqVae2PriorEvaluation(long TopStep, long BottomStep, double TopBitsPerCode, double BottomBitsPerCode, int TestGrids, int Samples, CategoricalSampling? Sampling, GeneratedJudgement? Judgement, double SamplesPerSecond);
