using System.Globalization;
using Pipeline.Application.Classifiers;
using Pipeline.Application.Exports;
using Pipeline.Inference.Pictures;
using Pipeline.Export.Families;
using Pipeline.Onnx;
using Pipeline.Training;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Gans;

namespace Pipeline.Application.Gans;

/// <summary>
/// What a user does with a GAN, unconditional (DCGAN) or class-conditional: train → evaluate → samples and latent
/// pictures. Each call writes into the run folder (or the path given) and returns what it wrote.
/// </summary>
/// <example>
/// <code>
/// var report = GanOperations.Train(new TrainingRequest&lt;GanRunConfig&gt;(config, "runs/cgan", Resume: false, torch.CPU));
/// using var gan = TrainedGan.Load(report.Run.Path, torch.CPU);
/// var files = GanOperations.Sample(gan, torch.CPU, count: 100, labels: [7], truncation: null, seed: 1);
/// </code>
/// </example>
public static class GanOperations
{
    /// <summary>Opens (or creates) the run for training; <paramref name="warnings"/> hears of a precision replaced for this CPU.</summary>
    public static TrainingSession<GanRunConfig, GanStepMetrics> OpenTraining(TrainingRequest<GanRunConfig> request, IProgress<string>? warnings = null) =>
        TrainingJob.Open(new GanTrainingPlan(warnings), request);

    /// <summary>Trains (or resumes) a GAN run to its end, cancellation or divergence (which keeps the last healthy checkpoint).</summary>
    public static TrainingReport<GanStepMetrics> Train(TrainingRequest<GanRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainingJob.Run(new GanTrainingPlan(), request, progress, cancellation);

    /// <summary>Generated images as a PNG grid (one row per requested class in turn) and/or IDX files with their labels.</summary>
    public static IReadOnlyList<Picture> Sample(TrainedGan gan, Device device, int count, IReadOnlyList<int>? labels, double? truncation, int seed, bool png = true, bool idx = false, string? path = null)
    {
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var (images, requested) = GanSampling.Generate(o, count, labels, truncation, seed, device, (z, l) => GanImagery.Generate(gan.Generator, z, l));
        var pixels = TensorPixels.ToArray(images);
        return SampleFiles.SaveGenerated(gan.Run, path, pixels, requested.Select(l => (int)l).ToArray(), Shape(gan), o.ClassCount, o.IsConditional, labels, png, idx, gan.Config.Data.ClassNames());
    }

    /// <summary>Classifier accuracy on the requested classes and the Fréchet distance, beside the real-data figures; saved in the run.
    /// <c>notes</c> hears when the judging classifier is trained and how accurate it is.</summary>
    public static EvaluationReport<GanEvaluation> Evaluate(TrainedGan gan, Device device, string? classifierPath, int count, double? truncation, int seed, IProgress<string>? notes = null)
    {
        var (train, test) = gan.Data;
        using var classifier = LoadClassifier(gan, device, classifierPath, seed, notes);
        var result = GanEvaluator.Evaluate(gan, classifier, train, test, device, Math.Min(count, train.Count), seed, truncation);
        return Report(gan.Run, result, $"GAN evaluation ({gan.Run.Id}, step {gan.Step}, {result.Images} images{(truncation is { } t ? $", truncation {t}" : "")})", train.ClassNames);
    }

    /// <summary>Linear or spherical interpolation grids.</summary>
    public static Picture Interpolate(TrainedGan gan, Device device, int steps, bool spherical, int seed, double? truncation, string? path = null) =>
        LatentPictures.Interpolate(Pictured(gan), device, steps, spherical, seed, truncation, path);

    /// <summary>Class-mean latents and a − b + c rows.</summary>
    /// <exception cref="ArgumentException">a class of a triple was given to none of the samples.</exception>
    public static Picture Arithmetic(TrainedGan gan, Device device, string? classifierPath, IReadOnlyList<(int A, int B, int C)> triples, int samples, int seed, string? path = null, IProgress<string>? notes = null)
    {
        using var classifier = LoadClassifier(gan, device, classifierPath, seed, notes);
        return LatentPictures.Arithmetic(Pictured(gan), device, classifier, triples, samples, seed, path);
    }

    /// <summary>Generated images beside their nearest training images (pixel L2), the usual check for memorisation.</summary>
    public static Picture Neighbours(TrainedGan gan, Device device, int count, int k, int seed, string? path = null) =>
        LatentPictures.Neighbours(Pictured(gan), device, count, k, seed, path);

    /// <summary>Exports the generator (the moving average when the run keeps one) into <paramref name="directory"/>, with the plain ML.NET zip and a model card.</summary>
    public static ExportReport Export(TrainedGan gan, string directory, int opset = OnnxVersions.DefaultOpset)
    {
        var report = GanOnnxExport.Export(gan.Generator, directory, gan.Run.Id, opset, gan.Config.Data.ClassNames());
        var t = gan.Config.Training;
        var card = GanModelCard.Create(gan.Config.Model, report, gan.Run.Id, t.EmaDecay, t.ClassLossWeight)
            .Heading("Training")
            .Bullets(TrainingHistory(gan));
        return ExportFolder.Complete(directory, gan.Run.Id, [("generator", report)], card);
    }

    // The run's history for the model card: data, objective and optimisation, and the evaluation when there is one.
    private static IEnumerable<string> TrainingHistory(TrainedGan gan)
    {
        var t = gan.Config.Training;
        var evaluation = gan.Run.ReadEvaluation<GanEvaluation>();
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);

        yield return $"data: {gan.Config.Data.Kind} from `{gan.Config.Data.Path}`";
        yield return $"{t.Objective} loss, {gan.Step} generator steps of batch {t.BatchSize}, {t.DiscriminatorSteps} discriminator step(s) per generator step, Adam(β = {N(t.Beta1)}, {N(t.Beta2)}), learning rates G {N(t.GeneratorLearningRate)} / D {N(t.DiscriminatorLearningRate)}, seed {t.Seed}";
        if (evaluation is not null)
        {
            yield return EvaluationLine(evaluation);
        }
    }

    // A generator's evaluation, written into its run and shown as every GAN family shows it.
    internal static EvaluationReport<GanEvaluation> Report(RunFolder run, GanEvaluation result, string title, IReadOnlyList<string> classNames) =>
        new(result, run.WriteEvaluation(result))
        {
            Title = title,
            Rows =
            [
                ("classifier accuracy on requested classes", result.ClassAccuracy is { } a ? $"{a:P1}" : "n/a (unconditional)"),
                ("  same classifier on real test images", $"{result.RealAccuracy:P1}"),
                .. ClassBreakdown.Rows(result.PerClass, classNames),
                ("Fréchet distance to the test set (classifier features)", $"{result.FrechetDistance:F3}"),
                ("  real training images to the test set (floor)", $"{result.RealFrechetDistance:F3}"),
                ("generation speed", $"{result.GeneratedPerSecond:F0} images/s"),
            ],
        };

    // A generator's evaluation as one line of its model card; how the images were drawn is said after their count
    // (the truncation by default).
    internal static string EvaluationLine(GanEvaluation evaluation, string? howDrawn = null)
    {
        string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
        return $"evaluation at step {evaluation.Step} on {evaluation.Images} images"
            + (howDrawn ?? (evaluation.Truncation is { } psi ? $" (truncation {psi.ToString(CultureInfo.InvariantCulture)})" : "")) + ": "
            + (evaluation.ClassAccuracy is { } accuracy ? $"the project's classifier recognises the requested class in {F(accuracy)} of generated images (real test images: {F(evaluation.RealAccuracy)}); " : "")
            + $"Fréchet distance in its feature space {F(evaluation.FrechetDistance)} (real train vs test: {F(evaluation.RealFrechetDistance)})";
    }

    private static TrainedClassifier LoadClassifier(TrainedGan gan, Device device, string? classifierPath, int seed, IProgress<string>? notes) =>
        JudgingClassifier.Load(gan.Run.Path, gan.Config.Data, gan.Data, device, classifierPath, seed, notes);

    private static GeneratorRun Pictured(TrainedGan gan) => new(gan.Run, LatentGenerator.Of(gan.Generator), Shape(gan), () => gan.Data.Train);

    private static (int C, int H, int W) Shape(TrainedGan gan) => (gan.Config.Model.Channels, gan.Config.Model.ImageSize, gan.Config.Model.ImageSize);
}
