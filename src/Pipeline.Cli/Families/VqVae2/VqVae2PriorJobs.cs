using System.Diagnostics;
using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Models.PixelCnn;
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
            config = new VqVae2PriorRunConfig(level, VqVae2PriorRunConfig.Network(level, stamp, shape), training, stamp, context.DeviceName, context.Threads);
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

    /// <summary>
    /// The run's codes, extracted now unless RUN/codes already holds those of its current checkpoint. Two priors started
    /// together share one extraction: the second waits for the first's lock on the codes folder.
    /// </summary>
    public static VqVae2CodeStamp EnsureCodes(string autoencoderRun, string codes, Device device)
    {
        using var writing = AcquireWaiting(codes);
        using var model = TrainedVqVae2.Load(autoencoderRun, device);
        var clock = Stopwatch.StartNew();
        var (stamp, extracted) = VqVae2CodeSet.Ensure(model, device, codes);
        Terminal.Info(extracted
            ? $"extracted the codes of {stamp.TrainImages} training and {stamp.TestImages} test images (autoencoder step {stamp.AutoencoderStep}) into {codes} in {clock.Elapsed.TotalSeconds:F1} s"
            : $"reusing the codes in {codes} (autoencoder step {stamp.AutoencoderStep})");
        return stamp;
    }

    private static RunLock AcquireWaiting(string folder)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            try
            {
                return RunLock.Acquire(folder);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(Path.Combine(folder, RunLock.FileName)))
            {
                Terminal.Info($"waiting for another process to finish writing {folder}");
                Thread.Sleep(TimeSpan.FromSeconds(5));
            }
        }
    }

    /// <summary>Disposes the trainer however the job ends.</summary>
    private sealed class TrainerHolder : IDisposable
    {
        public PixelCnnTrainer? Trainer { get; set; }

        public void Dispose() => Trainer?.Dispose();
    }
}
