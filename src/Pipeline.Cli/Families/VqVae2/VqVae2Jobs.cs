using System.Globalization;
using System.Text.Json;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.Reports;
using Pipeline.Training;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>The VQ-VAE-2 stages the commands run, one command each: train → evaluate → reconstruct → export → extract-codes.</summary>
internal static class VqVae2Jobs
{
    /// <summary>Exit code of a run stopped by divergence (the last good checkpoint is kept).</summary>
    public const int Diverged = 3;

    /// <summary>Trains (or resumes) the run in <paramref name="runPath"/>; returns the exit code.</summary>
    public static int Train(VqVae2RunConfig config, string runPath, bool resume, Device device, CancellationToken cancellation)
    {
        // Data are loaded before a new run folder is made, so bad data leave no half-made run behind.
        var run = resume ? RunFolder.Open(runPath) : null;
        config = run?.ReadConfig<VqVae2RunConfig>() ?? config;
        var (train, test) = config.Data.Load();
        if (run is null)
        {
            run = RunFolder.Create(runPath);
            run.WriteConfig(config);
        }

        var o = config.Model;
        Terminal.Info($"data: {train.Count} training and {test.Count} test images {train.Channels}x{train.Height}x{train.Width} from {config.Data.Path}; codes {o.BottomGrid}x{o.BottomGrid} + {o.TopGrid}x{o.TopGrid}, K = {o.CodebookSize}");
        using var trainer = new VqVae2Trainer(run, config, train, test, device);
        if (resume)
        {
            trainer.Resume();
            Terminal.Info($"resumed {run.Path} at step {trainer.Step} of {trainer.TotalSteps}");
        }

        var (result, metrics) = TrainingProgressBar.Run($"VQ-VAE-2 {run.Id}", trainer.TotalSteps, trainer.Step, progress => trainer.Train(progress, cancellation));
        Terminal.Summary($"VQ-VAE-2 training ({run.Id})", metrics.Select(m => (
            $"epoch {m.Epoch:F2} (step {m.Step})",
            $"train MSE {m.TrainMse:F5}  test MSE {m.TestMse:F5}  PSNR {m.TestPsnr:F2} dB  perplexity top {m.Top.Perplexity:F1} ({m.Top.Used} used), bottom {m.Bottom.Perplexity:F1} ({m.Bottom.Used} used)  {m.ImagesPerSecond:F0} img/s")));
        Terminal.Wrote("metrics", run.MetricsPath);
        Terminal.Wrote("checkpoint", run.LastCheckpointPath);
        Terminal.Wrote("PSNR curve", trainer.LossPlotPath);
        switch (result.Outcome)
        {
            case TrainingOutcome.Diverged:
                Terminal.Error($"{result.Message}");
                return Diverged;
            case TrainingOutcome.Interrupted:
                Terminal.Warn($"interrupted at step {trainer.Step}: continue with `train vqvae2 --resume --out {run.Path}`");
                break;
        }

        return 0;
    }

    /// <summary>MSE, PSNR and per-level codebook use on the whole test set → evaluation.json.</summary>
    public static VqVae2Evaluation Evaluate(TrainedVqVae2 model, Device device)
    {
        var test = model.Data.Test;
        var result = VqVae2Evaluator.Evaluate(model.Model, test, device);
        var path = model.Run.File("evaluation.json");
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, new VqVae2EvaluationFile(model.Step, result), RunFolder.Json));
        var k = model.Config.Model.CodebookSize;
        Terminal.Summary($"VQ-VAE-2 evaluation ({model.Run.Id}, step {model.Step})",
        [
            ($"test reconstruction MSE ({result.Images} images)", result.Mse.ToString("F6", CultureInfo.InvariantCulture)),
            ("test PSNR", $"{result.Psnr:F2} dB"),
            ("top codes: perplexity, used", $"{result.Top.Perplexity:F1} of {k}, {result.Top.Used} used"),
            ("bottom codes: perplexity, used", $"{result.Bottom.Perplexity:F1} of {k}, {result.Bottom.Used} used"),
        ]);
        Terminal.Wrote("evaluation", path);
        return result;
    }

    /// <summary>Test images and their reconstructions from both code grids in alternating rows.</summary>
    public static string Reconstruct(TrainedVqVae2 model, Device device, int count, string? path)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var o = model.Config.Model;
        var images = TestImages(model, device, count);
        var (top, bottom) = model.Model.Encode(images);
        var decoded = model.Model.DecodeCodes(top, bottom);
        var originals = TensorPixels.ToArray(images);
        var reconstructions = TensorPixels.ToArray(decoded);
        var perImage = o.Channels * o.ImageSize * o.ImageSize;
        var columns = Pictures.Columns(count);
        var cells = ImageGrid.Alternating(originals, reconstructions, count, perImage, columns);
        return Pictures.SaveGrid(path ?? model.Run.File("images", "reconstructions.png"), cells, cells.Length / perImage, (o.Channels, o.ImageSize, o.ImageSize), columns,
            "originals (odd rows) and reconstructions from the top and bottom codes (even rows)");
    }

    /// <summary>Both splits' codes and labels as IDX files in <paramref name="folder"/>, with the stamp that lets the priors reuse them.</summary>
    public static void ExtractCodes(TrainedVqVae2 model, Device device, string folder)
    {
        var stamp = ExtractWithProgress(model, device, folder);
        foreach (var (split, count) in new[] { ("train", stamp.TrainImages), ("test", stamp.TestImages) })
        {
            var files = CodeFiles.In(folder, split);
            Terminal.Wrote($"{split} codes ({count} images)", $"{files.Top}, {files.Bottom}, {files.Labels}");
        }
    }

    /// <summary>Extracts both splits' codes into <paramref name="folder"/> behind a progress bar (it takes minutes on a CPU).</summary>
    public static VqVae2CodeStamp ExtractWithProgress(TrainedVqVae2 model, Device device, string folder)
    {
        var (train, test) = model.Data;
        VqVae2CodeStamp stamp = null!;
        CountProgressBar.Run($"extracting codes (step {model.Step})", train.Count + test.Count, "images", encoded => stamp = VqVae2CodeSet.Extract(model, device, folder, encoded));
        return stamp;
    }

    /// <summary>The first <paramref name="count"/> test images as one tensor on <paramref name="device"/>.</summary>
    public static Tensor TestImages(TrainedVqVae2 model, Device device, int count)
    {
        var test = model.Data.Test;
        if (count > test.Count)
        {
            throw new CliError($"asked for {count} test images, the test set has {test.Count}.");
        }

        var loader = new MiniBatchLoader(test, count, seed: 0, device, shuffle: false);
        return loader.Gather(Enumerable.Range(0, count).ToArray()).Images;
    }
}

/// <summary>What <c>evaluate</c> writes to the run's evaluation.json.</summary>
internal sealed record VqVae2EvaluationFile(long Step, VqVae2Evaluation Evaluation, VqVae2PriorEvaluation? Priors = null);
