using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.Export.Families;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.Loop;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary>The PixelCNN stages the commands run: train → evaluate (bits/dim) → sample → export.</summary>
internal static class PixelCnnJobs
{
    /// <summary>Trains (or resumes) the run in <paramref name="runPath"/>.</summary>
    public static TrainingResult Train(PixelCnnRunConfig config, string runPath, bool resume, Device device, CancellationToken cancellation)
    {
        // Data are loaded before a new run folder is made, so bad data leave no half-made run behind.
        var run = resume ? RunFolder.Open(runPath) : null;
        if (run is not null && RunKinds.Of(run.Path) != PixelCnnRunConfig.RunKind)
        {
            throw new CliError($"{run.Path} is a '{RunKinds.Of(run.Path)}' run, not a PixelCNN run.");
        }

        config = run?.ReadConfig<PixelCnnRunConfig>() ?? config;
        var (train, test) = config.Data.Load();
        if (run is null)
        {
            var model = config.Model with { Height = train.Height, Width = train.Width };
            config = config with { Model = model.IsClassConditional ? model with { ClassCount = train.ClassCount } : model };
            CliError.Check(config.Model.Validate);
            run = RunFolder.Create(runPath);
            run.WriteConfig(config);
        }

        var o = config.Model;
        Terminal.Info($"data: {train.Count} training and {test.Count} test images {train.Channels}x{train.Height}x{train.Width} from {config.Data.Path}");
        Terminal.Info($"{(o.IsClassConditional ? $"class-conditional ({o.ClassCount} classes)" : "unconditional")} gated PixelCNN, {o.Layers} layers of {o.Channels} channels, {o.Levels}-way softmax per pixel, receptive field {(o.FirstKernelSize / 2) + ((o.Layers - 1) * (o.KernelSize / 2))} rows up");
        using var trainer = new PixelCnnTrainer(run, config, train, test, device);
        if (resume)
        {
            trainer.Resume();
            Terminal.Info($"resumed {run.Path} at step {trainer.Step} of {trainer.TotalSteps}");
        }

        var result = TrainingProgressBar.Run($"PixelCNN {run.Id}", trainer.TotalSteps, trainer.Step, progress => trainer.Train(progress, cancellation));
        Terminal.Summary($"PixelCNN training ({run.Id})", trainer.Metrics.Select(m => (
            $"epoch {m.Epoch:F2} (step {m.Step})",
            $"train {m.TrainBitsPerDimension:F4} bits/dim  test {m.TestBitsPerDimension:F4} bits/dim ({m.TestImages} images)  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} img/s")));
        Terminal.Wrote("metrics", run.MetricsPath);
        Terminal.Wrote("checkpoint", run.LastCheckpointPath);
        Terminal.Wrote("loss curve", trainer.LossPlotPath);
        if (result.Outcome == TrainingOutcome.Interrupted)
        {
            Terminal.Warn($"interrupted at step {result.Step}: continue with `train pixelcnn --resume --out {run.Path}`");
        }

        return result;
    }

    /// <summary>
    /// The exact test −log p(x) over the run's test set (the data's whole test set when <paramref name="wholeTestSet"/>,
    /// whatever --test-limit the run was trained with) → evaluation.json.
    /// </summary>
    public static PixelCnnRunEvaluation Evaluate(TrainedPixelCnn model, Device device, bool wholeTestSet)
    {
        var test = wholeTestSet && model.Config.Data.TestLimit is not null ? (model.Config.Data with { TestLimit = null }).Load().Test : model.Data.Test;
        var clock = Stopwatch.StartNew();
        var evaluation = PixelCnnEvaluator.Evaluate(model.Net, test, device);
        var result = new PixelCnnRunEvaluation(model.Step, evaluation.Grids, evaluation.NatsPerGrid, evaluation.BitsPerDimension, clock.Elapsed.TotalSeconds);
        var path = model.Run.File("evaluation.json");
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, result, RunFolder.Json));
        Terminal.Summary($"PixelCNN evaluation ({model.Run.Id}, step {model.Step}, {result.Images} test images)",
        [
            ("test -log p(x), nats per image", result.NatsPerImage.ToString("F2", CultureInfo.InvariantCulture)),
            ("test -log p(x), bits per dimension", result.BitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)),
            ("evaluation time", $"{result.Seconds:F1} s"),
        ]);
        Terminal.Wrote("evaluation", path);
        return result;
    }

    /// <summary>Ancestral samples as a PNG grid (one row per class in turn) and/or IDX files with their labels.</summary>
    public static void Sample(TrainedPixelCnn model, Device device, int count, IReadOnlyList<int>? labels, CategoricalSampling sampling, int seed, bool png, bool idx, string? path)
    {
        var o = model.Config.Model;
        if (labels is { Count: > 0 } && !o.IsClassConditional)
        {
            throw new CliError($"{model.Run.Path} is an unconditional PixelCNN: --labels does not apply.");
        }

        var clock = Stopwatch.StartNew();
        var (pixels, drawn) = PixelCnnImagery.Sample(model.Net, count, labels, seed, sampling, device);
        Terminal.Info($"{count} images drawn pixel by pixel in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:F2} images/s; {o.Positions} network passes per batch)");
        var stem = path is null ? model.Run.File("images", "samples") : Path.ChangeExtension(Path.GetFullPath(path), null);
        var rowPerClass = o.IsClassConditional && labels is not { Count: > 0 };
        Pictures.SaveGenerated(stem, pixels, drawn, (1, o.Height, o.Width), o.ClassCount, model.Run.Id, png, idx, rowPerClass, model.Config.Data.ClassNames());
    }

    /// <summary>pixelcnn.onnx (verified against TorchSharp on random and real test batches) and its model card.</summary>
    public static void Export(TrainedPixelCnn model, string directory, int opset)
    {
        var o = model.Config.Model;
        using var scope = NewDisposeScope();
        var test = model.Data.Test.Take(Math.Min(8, model.Data.Test.Count));
        var (images, labels) = new Pipeline.Training.Batching.MiniBatchLoader(test, test.Count, 0, CPU, shuffle: false).Gather(Enumerable.Range(0, test.Count).ToArray());
        var grid = PixelCnnLikelihood.Grid(o, images);
        IReadOnlyList<Tensor> real = o.IsClassConditional ? [grid, labels] : [grid];
        var report = PixelCnnOnnxExport.Export(model.Net, directory, model.Run.Id, verificationInputs: [real], opset: opset, classNames: model.Config.Data.ClassNames());
        Terminal.Summary($"ONNX export of {model.Run.Id}", [.. ModelCards.Describe("autoregressive logits", report)]);
        var evaluation = ReadEvaluation(model);
        var t = model.Config.Training;
        var card = PixelCnnModelCard.Create(o, report, model.Run.Id, evaluation?.BitsPerDimension)
            .Heading("Training")
            .Bullets(
            [
                $"data: {model.Config.Data.Kind} from `{model.Config.Data.Path}`",
                $"maximum likelihood (cross-entropy over {o.Levels} levels), {model.Step} Adam steps of batch {t.BatchSize}, learning rate {t.LearningRate.ToString(CultureInfo.InvariantCulture)}, seed {t.Seed}",
                evaluation is null ? "not evaluated yet (`pipeline evaluate RUN`)" : $"test −log p(x) at step {evaluation.Step}: {evaluation.NatsPerImage.ToString("F2", CultureInfo.InvariantCulture)} nats per image, {evaluation.BitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)} bits/dim over {evaluation.Images} test images",
            ]);
        Terminal.Wrote("model card", card.Write(directory));
    }

    private static PixelCnnRunEvaluation? ReadEvaluation(TrainedPixelCnn model)
    {
        var path = Path.Combine(model.Run.Path, "evaluation.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<PixelCnnRunEvaluation>(File.ReadAllText(path), RunFolder.Json) : null;
    }
}

/// <summary>What <c>evaluate</c> writes to a PixelCNN run's evaluation.json.</summary>
/// <param name="Step">Steps behind the evaluated weights.</param>
/// <param name="Images">Test images (the whole test set of the run's data).</param>
/// <param name="NatsPerImage">Mean −log p(x), nats per image.</param>
/// <param name="BitsPerDimension">NatsPerImage / (H·W·C·ln 2).</param>
/// <param name="Seconds">Evaluation time.</param>
internal sealed record PixelCnnRunEvaluation(long Step, int Images, double NatsPerImage, double BitsPerDimension, double Seconds);
