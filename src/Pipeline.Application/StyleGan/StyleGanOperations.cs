using System.Globalization;
using Pipeline.Application.Classifiers;
using Pipeline.Application.Exports;
using Pipeline.Application.Gans;
using Pipeline.Export.Families;
using Pipeline.Inference.Pictures;
using Pipeline.Models.StyleGan;
using Pipeline.Onnx;
using Pipeline.Reports;
using Pipeline.Training;
using Pipeline.Training.Gans;
using Pipeline.Training.StyleGan;

namespace Pipeline.Application.StyleGan;

/// <summary>
/// What a user does with a StyleGAN2: train → evaluate → samples with the truncation trick, walks in W, the
/// style-mixing grid and the truncation sweep. Each call writes into the run folder (or the path given) and returns what
/// it wrote. Pictures come from the moving average of G with its noise fixed, so a seed always draws the same picture.
/// </summary>
/// <example>
/// <code>
/// var report = StyleGanOperations.Train(new TrainingRequest&lt;StyleGanRunConfig&gt;(config, "runs/stylegan", Resume: false, torch.CPU));
/// using var gan = TrainedStyleGan.Load(report.Run.Path, torch.CPU);
/// var mix = StyleGanOperations.Mix(gan, torch.CPU, across: 5, down: 2, truncation: 0.7, seed: 1);
/// </code>
/// </example>
public static class StyleGanOperations
{
    /// <summary>Opens (or creates) the run for training.</summary>
    public static TrainingSession<StyleGanRunConfig, StyleGanStepMetrics> OpenTraining(TrainingRequest<StyleGanRunConfig> request) =>
        TrainingJob.Open(new StyleGanTrainingPlan(), request);

    /// <summary>Trains (or resumes) a StyleGAN2 run to its end, cancellation or divergence (which keeps the last checkpoint).</summary>
    public static TrainingReport<StyleGanStepMetrics> Train(TrainingRequest<StyleGanRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainingJob.Run(new StyleGanTrainingPlan(), request, progress, cancellation);

    /// <summary>Generated images with truncation ψ (1: none) as a PNG grid (one row per class for a conditional model) and/or IDX files.</summary>
    public static IReadOnlyList<Picture> Sample(TrainedStyleGan gan, Device device, int count, IReadOnlyList<int>? labels, double truncation, int seed,
        bool png = true, bool idx = false, string? path = null)
    {
        RequireTruncation(truncation);
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var requested = StyleGanSampling.Labels(o, count, labels);
        var pixels = TensorPixels.ToArray(StyleGanSampling.Generate(gan.Generator, count, requested, truncation, seed, device));
        var labelArray = requested?.Select(l => (int)l).ToArray() ?? new int[count];
        return SampleFiles.SaveGenerated(gan.Run, path, pixels, labelArray, Shape(gan), Math.Max(o.ClassCount, 1), o.IsConditional, labels, png, idx, gan.Config.Data.ClassNames());
    }

    /// <summary>The truncation sweep: one row per latent (classes in turn, or <paramref name="labels"/>), ψ = 1, 0.7, 0.5, 0.2, 0 across.</summary>
    public static Picture TruncationSweep(TrainedStyleGan gan, Device device, int rows, IReadOnlyList<int>? labels, int seed, string? path = null)
    {
        var pixels = StyleGanImagery.TruncationSweep(gan.Generator, rows, labels, seed, device);
        var columns = StyleGanImagery.SweepTruncations.Count;
        var file = path ?? gan.Run.File("images", "truncation-sweep.png");
        return PictureGrids.Save(file, pixels, rows * columns, Shape(gan), columns,
            $"truncation sweep (ψ = {string.Join(", ", StyleGanImagery.SweepTruncations)} across)");
    }

    /// <summary>Classifier accuracy on the requested classes and the Fréchet distance, beside the real-data figures; saved in the run.
    /// <c>notes</c> hears when the judging classifier is trained and how accurate it is.</summary>
    public static EvaluationReport<GanEvaluation> Evaluate(TrainedStyleGan gan, Device device, string? classifierPath, int count, double truncation, int seed, IProgress<string>? notes = null)
    {
        RequireTruncation(truncation);
        var (train, test) = gan.Data;
        using var classifier = JudgingClassifier.Load(gan.Run.Path, gan.Config.Data, gan.Data, device, classifierPath, seed, notes);
        var result = StyleGanEvaluator.Evaluate(gan, classifier, train, test, device, Math.Min(count, train.Count), seed, truncation);
        return GanOperations.Report(gan.Run, result, $"StyleGAN2 evaluation ({gan.Run.Id}, step {gan.Step}, {result.Images} images{(truncation != 1.0 ? $", ψ {truncation}" : "")})", train.ClassNames);
    }

    /// <summary>Linear walks in W, <paramref name="rows"/> rows of <paramref name="steps"/> images.</summary>
    public static Picture Interpolate(TrainedStyleGan gan, Device device, int rows, int steps, double truncation, int seed, string? path = null)
    {
        RequireTruncation(truncation);
        var pixels = StyleGanImagery.InterpolateW(gan.Generator, rows, steps, truncation, seed, device);
        var file = path ?? gan.Run.File("images", "interpolation-w.png");
        return PictureGrids.Save(file, pixels, rows * steps, Shape(gan), steps, $"linear interpolation in W ({rows} rows)");
    }

    /// <summary>The style-mixing grid: <paramref name="across"/> sources A, <paramref name="down"/> sources B per band (coarse, middle, fine).</summary>
    public static Picture Mix(TrainedStyleGan gan, Device device, int across, int down, double truncation, int seed, string? path = null)
    {
        RequireTruncation(truncation);
        var grid = StyleGanImagery.Mix(gan.Generator, across, down, truncation, seed, device);
        var file = path ?? gan.Run.File("images", "style-mixing.png");
        var (c, h, w) = Shape(gan);
        ImageGrid.SaveLabelledPng(file, grid.Pixels, grid.RowLabels, grid.Columns, c, h, w);
        return new Picture(file, $"style mixing ({across} sources A across; rows: a source B, then A with B's coarse, middle or fine styles)");
    }

    private static void RequireTruncation(double truncation)
    {
        if (!StyleGenerator.IsTruncation(truncation))
        {
            throw new ArgumentOutOfRangeException(nameof(truncation), truncation, "The truncation ψ must be in [-1, 1] (1: none, 0: the mean w).");
        }
    }

    private static (int C, int H, int W) Shape(TrainedStyleGan gan) => (gan.Config.Model.Channels, gan.Config.Model.ImageSize, gan.Config.Model.ImageSize);

    /// <summary>
    /// Exports the averaged generator (noise fixed) as generator.onnx (z[, class], ψ → image), mapping.onnx and
    /// synthesis.onnx, each verified against TorchSharp, with a model card and a plain ML.NET model, into <paramref name="directory"/>.
    /// </summary>
    /// <param name="gan">the trained run</param>
    /// <param name="directory">the export folder (written whole or not at all)</param>
    /// <param name="truncation">ψ the files use when their truncation input is not fed</param>
    /// <param name="opset">ONNX operator set</param>
    public static ExportReport Export(TrainedStyleGan gan, string directory, double truncation = 1.0, int opset = OnnxVersions.DefaultOpset)
    {
        var files = StyleGanOnnxExport.Export(gan.Generator, directory, gan.Run.Id, truncation, opset, gan.Config.Data.ClassNames());
        var t = gan.Config.Training;
        var emaDecay = t.EmaHalfLifeImages > 0 ? Math.Pow(0.5, t.BatchSize / t.EmaHalfLifeImages) : 0;
        var card = StyleGanModelCard.Create(gan.Config.Model, files, gan.Run.Id, truncation, emaDecay)
            .Heading("Training")
            .Bullets(TrainingHistory(gan));
        return ExportFolder.Complete(directory, gan.Run.Id, [("generator", files.Generator), ("mapping", files.Mapping), ("synthesis", files.Synthesis)], card);
    }

    // The run's history for the model card: data, recipe and optimisation, and the evaluation when there is one.
    private static IEnumerable<string> TrainingHistory(TrainedStyleGan gan)
    {
        var t = gan.Config.Training;
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);
        yield return $"data: {gan.Config.Data.Kind} from `{gan.Config.Data.Path}`, padded to {gan.Config.Model.ImageSize}x{gan.Config.Model.ImageSize}";
        yield return $"non-saturating logistic loss, {gan.Step} steps of batch {t.BatchSize}, Adam(β = {N(t.Beta1)}, {N(t.Beta2)}), learning rates G {N(t.GeneratorLearningRate)} / D {N(t.DiscriminatorLearningRate)}, "
            + $"lazy R1 γ {N(t.R1Gamma)} every {t.R1Interval} steps, path length weight {N(t.PathLengthWeight)} every {t.PathLengthInterval} steps, style mixing {N(t.StyleMixingProbability)}, "
            + $"EMA half-life {N(t.EmaHalfLifeImages)} images{(t.AdaptiveAugmentation ? $", adaptive augmentation (target {N(t.AdaTarget)})" : "")}, seed {t.Seed}";
        if (gan.Run.ReadEvaluation<GanEvaluation>() is { } evaluation)
        {
            yield return GanOperations.EvaluationLine(evaluation);
        }
    }
}
