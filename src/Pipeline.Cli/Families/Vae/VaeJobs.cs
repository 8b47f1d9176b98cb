using Pipeline.Cli.Console;
using Pipeline.Reports;
using Pipeline.Training.Batching;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Vae;

/// <summary>The VAE stages the commands run, each one step of the pipeline: train → evaluate → pictures.</summary>
internal static class VaeJobs
{
    /// <summary>Trains (or resumes) the run in <paramref name="runPath"/>; returns its per-epoch metrics.</summary>
    public static IReadOnlyList<VaeEpochMetrics> Train(VaeRunConfig config, string runPath, bool resume, Device device, CancellationToken cancellation)
    {
        // Data are loaded before a new run folder is made, so bad data leave no half-made run behind.
        var run = resume ? RunKinds.Open(runPath, VaeRunConfig.RunKind, "`train vae`") : null;
        config = run?.ReadConfig<VaeRunConfig>() ?? config;
        var (train, test) = config.Data.Load();
        if (run is null)
        {
            run = RunFolder.Create(runPath);
            run.WriteConfig(config);
        }

        Terminal.Info($"data: {train.Count} training and {test.Count} test images {train.Channels}x{train.Height}x{train.Width} from {config.Data.Path}");
        using var trainer = new VaeTrainer(run, config, train, test, device);
        if (resume)
        {
            trainer.Resume();
            Terminal.Info($"resumed {run.Path} at step {trainer.Step} of {trainer.TotalSteps}");
        }

        var metrics = TrainingProgressBar.Run($"VAE {run.Id}", trainer.TotalSteps, trainer.Step, progress => trainer.Train(progress, cancellation));
        var lossPlot = trainer.LossPlotPath;

        Terminal.Summary($"VAE training ({run.Id})", metrics.Select(m => (
            $"epoch {m.Epoch:F2}",
            $"train -ELBO {m.TrainNegElbo:F2}  test -ELBO {m.TestNegElbo:F2} (rec {m.TestReconstruction:F2} + KL {m.TestKl:F2})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s")));
        Terminal.Wrote("metrics", run.MetricsPath);
        Terminal.Wrote("checkpoint", run.LastCheckpointPath);
        Terminal.Wrote("loss curve", lossPlot);
        if (trainer.Step < trainer.TotalSteps)
        {
            Terminal.Warn($"interrupted at step {trainer.Step}: continue with `train vae --resume --out {run.Path}`");
        }

        return metrics;
    }

    /// <summary>Test negative ELBO over the whole test set and the importance-weighted −log p(x) on a subset.</summary>
    public static VaeEvaluation Evaluate(TrainedVae vae, Device device, int samples, int images, int seed)
    {
        var result = VaeEvaluator.Evaluate(vae, device, samples, images, seed);
        var path = vae.Run.WriteEvaluation(result);
        Terminal.Summary($"VAE evaluation ({vae.Run.Id}, step {vae.Step})",
        [
            ($"test -ELBO ({result.TestImages} images)", $"{result.TestNegElbo:F2} nats"),
            ("  reconstruction", $"{result.TestReconstruction:F2} nats"),
            ("  KL(q(z|x) || p(z))", $"{result.TestKl:F2} nats"),
            ($"-log p(x), IWAE k={samples} ({result.IwaeImages} images)", $"{result.IwaeNll:F2} nats"),
        ]);
        Terminal.Wrote("evaluation", path);
        return result;
    }

    /// <summary>A grid of prior samples.</summary>
    public static string Sample(TrainedVae vae, Device device, int count, double temperature, int seed, string? path)
    {
        var pixels = VaeImagery.SamplePrior(vae.Model, count, device, seed, temperature);
        return SaveGrid(vae, pixels, count, Pictures.Columns(count), path ?? vae.Run.File("images", "samples.png"), "prior samples");
    }

    /// <summary>The traversal grid (the manifold figure for a 2-D latent).</summary>
    public static string Traverse(TrainedVae vae, Device device, int across, int down, int steps, double extent, TraversalSpacing spacing, int? anchorImage, string? path)
    {
        float[]? anchor = null;
        if (anchorImage is { } index)
        {
            using var scope = NewDisposeScope();
            using var mode = new Pipeline.Training.EvaluationMode(vae.Model);
            var images = TestImages(vae, device, index + 1)[index..(index + 1)];
            anchor = Pipeline.Training.TensorPixels.ToArray(vae.Model.Encode(images).Mean);
        }

        var pixels = VaeImagery.Traverse(vae.Model, across, down, steps, extent, spacing, device, anchor);
        return SaveGrid(vae, pixels, steps * steps, steps, path ?? vae.Run.File("images", "traversal.png"), $"traversal of z[{across}] x z[{down}]");
    }

    /// <summary>Originals, reconstructions and edited decodings as three rows.</summary>
    public static string Edit(TrainedVae vae, Device device, int count, IReadOnlyList<(int Dimension, double Amount)> edits, string? path)
    {
        using var scope = NewDisposeScope();
        var pixels = VaeImagery.Edit(vae.Model, TestImages(vae, device, count), edits);
        var description = string.Join(", ", edits.Select(e => $"z[{e.Dimension}] {e.Amount:+0.##;-0.##}"));
        return SaveGrid(vae, pixels, 3 * count, count, path ?? vae.Run.File("images", "edit.png"), $"latent edit ({description}): originals / reconstructions / edited");
    }

    /// <summary>Test images and their reconstructions in alternating rows.</summary>
    public static string Reconstruct(TrainedVae vae, Device device, int count, string? path)
    {
        using var scope = NewDisposeScope();
        var columns = Pictures.Columns(count);
        var pixels = VaeImagery.Reconstruct(vae.Model, TestImages(vae, device, count), columns);
        return SaveGrid(vae, pixels, pixels.Length / vae.Config.Model.PixelCount, columns, path ?? vae.Run.File("images", "reconstructions.png"), "originals (odd rows) and reconstructions (even rows)");
    }

    /// <summary>The first <paramref name="count"/> test images as one tensor on <paramref name="device"/>.</summary>
    public static Tensor TestImages(TrainedVae vae, Device device, int count)
    {
        var test = vae.Data.Test;
        if (count > test.Count)
        {
            throw new CliError($"asked for {count} test images, the test set has {test.Count}.");
        }

        return MiniBatchLoader.First(test, count, device);
    }

    private static string SaveGrid(TrainedVae vae, float[] pixels, int count, int columns, string path, string what) =>
        Pictures.SaveGrid(path, pixels, count, (vae.Config.Model.Channels, vae.Config.Model.ImageSize, vae.Config.Model.ImageSize), columns, what);
}
