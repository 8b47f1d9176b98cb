using Pipeline.Cli.Console;
using Pipeline.Data.Hardware;
using Pipeline.Reports;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Gan;

/// <summary>The GAN stages the commands run: train → evaluate → samples and latent pictures.</summary>
internal static class GanJobs
{
    /// <summary>Trains (or resumes) the run in <paramref name="runPath"/>.</summary>
    public static TrainingResult Train(GanRunConfig config, string runPath, bool resume, Device device, CancellationToken cancellation)
    {
        // Data are loaded before a new run folder is made, so bad data leave no half-made run behind.
        var run = resume ? RunKinds.Open(runPath, GanRunConfig.RunKind, "`train gan` or `train cgan`") : null;
        config = run?.ReadConfig<GanRunConfig>() ?? config;
        config = config with { Training = config.Training with { Precision = config.Training.Precision.ResolveForHost(Terminal.Warn) } };
        var (train, _) = config.Data.Load();
        if (run is null)
        {
            config = config.FitTo(train);
            run = RunFolder.Create(runPath);
            run.WriteConfig(config);
        }

        var o = config.Model;
        Terminal.Info($"data: {train.Count} training images {train.Channels}x{train.Height}x{train.Width} from {config.Data.Path}");
        Terminal.Info($"{(o.IsConditional ? $"class-conditional ({o.ClassCount} classes)" : "unconditional")} GAN, {config.Training.Objective} loss, " +
            $"z {o.LatentSize}, widths G {o.GeneratorWidth} D {o.DiscriminatorWidth}, spectral norm {(o.SpectralNorm ? "on" : "off")}, " +
            $"attention {(o.AttentionResolution?.ToString() ?? "none")}, lr G {config.Training.GeneratorLearningRate} D {config.Training.DiscriminatorLearningRate}, " +
            $"{config.Training.Precision.ToString().ToLowerInvariant()} on {CpuInstructionSets.Host.Summary}");
        using var trainer = new GanTrainer(run, config, train, device);
        if (resume)
        {
            trainer.Resume();
            Terminal.Info($"resumed {run.Path} at step {trainer.Step} of {trainer.TotalSteps}");
        }

        var result = TrainingProgressBar.Run($"GAN {run.Id}", trainer.TotalSteps, trainer.Step, progress => trainer.Train(progress, cancellation));
        Terminal.Wrote("metrics", run.MetricsPath);
        Terminal.Wrote("fixed-noise samples", run.File("images"));
        switch (result.Outcome)
        {
            case TrainingOutcome.Diverged:
                Terminal.Error(result.Message!);
                break;
            case TrainingOutcome.Interrupted:
                Terminal.Wrote("checkpoint", run.LastCheckpointPath);
                Terminal.Warn($"interrupted at step {result.Step} (checkpoint at step {result.CheckpointStep?.ToString() ?? "none"}): continue with `train {(o.IsConditional ? "cgan" : "gan")} --resume --out {run.Path}`");
                break;
            default:
                Terminal.Wrote("checkpoint", run.LastCheckpointPath);
                Terminal.Wrote("loss curve", trainer.LossPlotPath);
                break;
        }

        return result;
    }

    /// <summary>Generated images as a PNG grid (one row per requested class in turn) and/or IDX files with their labels.</summary>
    public static void Sample(TrainedGan gan, Device device, int count, IReadOnlyList<int>? labels, double? truncation, int seed, bool png, bool idx, string? path)
    {
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var requested = GanSampling.Labels(o, count, labels);
        random.manual_seed(seed);
        var z = GanSampling.Latents(count, o.LatentSize, device, truncation);
        var images = GanImagery.Generate(gan.Generator, z, tensor(requested, device: device));
        var pixels = Pipeline.Training.TensorPixels.ToArray(images);
        var stem = path is null ? gan.Run.File("images", "samples") : Path.ChangeExtension(Path.GetFullPath(path), null);
        var rowPerClass = o.IsConditional && labels is not { Count: > 0 };
        Pictures.SaveGenerated(stem, pixels, requested.Select(l => (int)l).ToArray(), Shape(gan), o.ClassCount, gan.Run.Id, png, idx, rowPerClass);
    }

    /// <summary>Classifier accuracy on the requested classes and the Fréchet distance, beside the real-data figures.</summary>
    public static GanEvaluation Evaluate(TrainedGan gan, Device device, string? classifierPath, int count, double? truncation, int seed)
    {
        var (train, test) = gan.Data;
        using var classifier = LoadClassifier(gan, device, classifierPath, seed);
        var result = GanEvaluator.Evaluate(gan, classifier, train, test, device, Math.Min(count, train.Count), seed, truncation);
        var path = gan.Run.WriteEvaluation(result);
        Terminal.Summary($"GAN evaluation ({gan.Run.Id}, step {gan.Step}, {result.Images} images{(truncation is { } t ? $", truncation {t}" : "")})",
        [
            ("classifier accuracy on requested classes", result.ClassAccuracy is { } a ? $"{a:P1}" : "n/a (unconditional)"),
            ("  same classifier on real test images", $"{result.RealAccuracy:P1}"),
            .. ClassBreakdown.Rows(result.PerClass, train.ClassNames),
            ("Fréchet distance to the test set (classifier features)", $"{result.FrechetDistance:F3}"),
            ("  real training images to the test set (floor)", $"{result.RealFrechetDistance:F3}"),
            ("generation speed", $"{result.GeneratedPerSecond:F0} images/s"),
        ]);
        Terminal.Wrote("evaluation", path);
        return result;
    }

    /// <summary>Linear or spherical interpolation grids.</summary>
    public static string Interpolate(TrainedGan gan, Device device, int steps, bool spherical, int seed, double? truncation, string? path)
    {
        var (pixels, rows) = GanImagery.Interpolate(gan.Generator, steps, spherical, seed, device, truncation: truncation);
        var file = path ?? gan.Run.File("images", spherical ? "interpolation-slerp.png" : "interpolation-linear.png");
        return SaveGrid(gan, pixels, rows * steps, steps, file, $"{(spherical ? "spherical" : "linear")} interpolation ({rows} rows)");
    }

    /// <summary>Class-mean latents and a − b + c rows.</summary>
    public static string Arithmetic(TrainedGan gan, Device device, string? classifierPath, IReadOnlyList<(int A, int B, int C)> triples, int samples, int seed, string? path)
    {
        using var scope = NewDisposeScope();
        using var classifier = LoadClassifier(gan, device, classifierPath, seed);
        var (means, counts) = GanImagery.ClassMeanLatents(gan.Generator, classifier, samples, seed, device);
        foreach (var (a, b, c) in triples)
        {
            foreach (var k in new[] { a, b, c })
            {
                if (k < 0 || k >= counts.Length || counts[k] == 0)
                {
                    throw new CliError($"class {k}: none of {samples} samples was classified as it (counts per class: {string.Join(", ", counts)}).");
                }
            }
        }

        var pixels = GanImagery.Arithmetic(gan.Generator, means, triples);
        var file = path ?? gan.Run.File("images", "arithmetic.png");
        return SaveGrid(gan, pixels, 4 * triples.Count, 4, file, "latent arithmetic (columns: a, b, c, a - b + c)");
    }

    /// <summary>Generated images beside their nearest training images.</summary>
    public static string Neighbours(TrainedGan gan, Device device, int count, int k, int seed, string? path)
    {
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var train = gan.Data.Train;
        random.manual_seed(seed);
        var labels = tensor(GanSampling.Labels(o, count, null), device: device);
        var generated = GanImagery.Generate(gan.Generator, GanSampling.Latents(count, o.LatentSize, device), labels);
        var neighbours = GanImagery.NearestNeighbours(generated, train, k);
        var pixels = GanImagery.NeighbourPanel(generated, train, neighbours);
        var file = path ?? gan.Run.File("images", "neighbours.png");
        return SaveGrid(gan, pixels, count * (k + 1), k + 1, file, $"generated images (first column) and their {k} nearest training images (pixel L2)");
    }

    private static TrainedClassifier LoadClassifier(TrainedGan gan, Device device, string? classifierPath, int seed) =>
        JudgingClassifier.Load(gan.Run.Path, gan.Config.Data, gan.Data, device, classifierPath, seed);

    private static string SaveGrid(TrainedGan gan, float[] pixels, int count, int columns, string path, string what) =>
        Pictures.SaveGrid(path, pixels, count, Shape(gan), columns, what);

    private static (int C, int H, int W) Shape(TrainedGan gan) => (gan.Config.Model.Channels, gan.Config.Model.ImageSize, gan.Config.Model.ImageSize);
}
