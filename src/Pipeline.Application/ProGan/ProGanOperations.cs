using System.Globalization;
using Pipeline.Application.Classifiers;
using Pipeline.Application.Exports;
using Pipeline.Application.Gans;
using Pipeline.Export.Families;
using Pipeline.Inference.Pictures;
using Pipeline.Onnx;
using Pipeline.Training;
using Pipeline.Training.Gans;
using Pipeline.Training.ProGan;

namespace Pipeline.Application.ProGan;

/// <summary>
/// What a user does with a Progressive GAN: train (growing 4×4 → full size) → samples → evaluation with the GANs'
/// classifier and Fréchet distance → export of the grown generator. Each call writes into the run folder (or the path
/// given) and returns what it wrote.
/// </summary>
/// <example>
/// <code>
/// var report = ProGanOperations.Train(new TrainingRequest&lt;ProGanRunConfig&gt;(config, "runs/progan", Resume: false, torch.CPU));
/// using var gan = TrainedProGan.Load(report.Run.Path, torch.CPU);
/// var evaluation = ProGanOperations.Evaluate(gan, torch.CPU, classifierPath: null, count: 10000, truncation: null, seed: 1);
/// var export = ProGanOperations.Export(gan, "onnx/progan-fashion32");
/// </code>
/// </example>
public static class ProGanOperations
{
    /// <summary>Opens (or creates) the run for training.</summary>
    public static TrainingSession<ProGanRunConfig, ProGanStepMetrics> OpenTraining(TrainingRequest<ProGanRunConfig> request) =>
        TrainingJob.Open(new ProGanTrainingPlan(), request);

    /// <summary>Trains (or resumes) a run to its end, cancellation or divergence (which keeps the last good checkpoint).</summary>
    public static TrainingReport<ProGanStepMetrics> Train(TrainingRequest<ProGanRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainingJob.Run(new ProGanTrainingPlan(), request, progress, cancellation);

    /// <summary>
    /// Generated images as a PNG grid (one row per class unless labels are given) and/or IDX files with their labels,
    /// drawn at the stage the run has reached (doubled to full size while it is still growing).
    /// </summary>
    public static IReadOnlyList<Picture> Sample(TrainedProGan gan, Device device, int count, IReadOnlyList<int>? labels, double? truncation, int seed, bool png = true, bool idx = false, string? path = null)
    {
        using var scope = NewDisposeScope();
        var o = gan.Config.Model;
        var stage = gan.Stage;
        var (images, requested) = GanSampling.Generate(ProGanSampling.SamplingShape(o), count, labels, truncation, seed, device,
            (z, l) => ProGanSampling.Generate(gan.Generator, z, l, stage.Level, stage.Alpha));
        var pixels = TensorPixels.ToArray(images);
        return SampleFiles.SaveGenerated(gan.Run, path, pixels, requested.Select(l => (int)l).ToArray(), (o.Channels, o.ImageSize, o.ImageSize), o.ClassCount, o.IsConditional, labels, png, idx,
            gan.Config.Data.ClassNames());
    }

    /// <summary>
    /// The project's classifier's share of the requested class and the Fréchet distance in its features (the GANs'
    /// figures, images cropped to the data's own size), beside the real-data figures; saved in the run.
    /// <c>notes</c> hears when the judging classifier is trained and how accurate it is.
    /// </summary>
    public static EvaluationReport<GanEvaluation> Evaluate(TrainedProGan gan, Device device, string? classifierPath, int count, double? truncation, int seed, IProgress<string>? notes = null)
    {
        gan.RequireGrown("evaluation");
        var (train, test) = gan.Data;
        using var classifier = JudgingClassifier.Load(gan.Run.Path, gan.Config.Data, gan.Data, device, classifierPath, seed, notes);
        var result = ProGanEvaluator.Evaluate(gan, classifier, train, test, device, Math.Min(count, train.Count), seed, truncation);
        return GanOperations.Report(gan.Run, result, $"Progressive GAN evaluation ({gan.Run.Id}, step {gan.Step}, {result.Images} images{(truncation is { } t ? $", truncation {t}" : "")})", train.ClassNames);
    }

    /// <summary>Linear or spherical interpolation grids of the grown generator (images cropped to the data's size).</summary>
    public static Picture Interpolate(TrainedProGan gan, Device device, int steps, bool spherical, int seed, double? truncation, string? path = null) =>
        LatentPictures.Interpolate(Pictured(gan, "interpolation"), device, steps, spherical, seed, truncation, path);

    /// <summary>Class-mean latents and a − b + c rows of the grown generator.</summary>
    /// <exception cref="ArgumentException">a class of a triple was given to none of the samples.</exception>
    public static Picture Arithmetic(TrainedProGan gan, Device device, string? classifierPath, IReadOnlyList<(int A, int B, int C)> triples, int samples, int seed, string? path = null, IProgress<string>? notes = null)
    {
        var run = Pictured(gan, "latent arithmetic");
        using var classifier = JudgingClassifier.Load(gan.Run.Path, gan.Config.Data, gan.Data, device, classifierPath, seed, notes);
        return LatentPictures.Arithmetic(run, device, classifier, triples, samples, seed, path);
    }

    /// <summary>Grown generator's images beside their nearest training images (pixel L2, at the data's size).</summary>
    public static Picture Neighbours(TrainedProGan gan, Device device, int count, int k, int seed, string? path = null) =>
        LatentPictures.Neighbours(Pictured(gan, "neighbours"), device, count, k, seed, path);

    // The grown generator at the data's own size (Fashion-MNIST's 28×28 inside the padded 32×32), as the classifier
    // and the training images are.
    private static GeneratorRun Pictured(TrainedProGan gan, string verb)
    {
        gan.RequireGrown(verb);
        var train = gan.Data.Train;
        var generator = new LatentGenerator(ProGanSampling.SamplingShape(gan.Config.Model),
            (z, labels) => ProGanSampling.Crop(ProGanSampling.Generate(gan.Generator, z, labels), train.Height, train.Width));
        return new GeneratorRun(gan.Run, generator, (gan.Config.Model.Channels, train.Height, train.Width), () => train);
    }

    /// <summary>Exports the grown generator (the moving average when the run keeps one) into <paramref name="directory"/> as generator.onnx, with the plain ML.NET zip and a model card.</summary>
    public static ExportReport Export(TrainedProGan gan, string directory, int opset = OnnxVersions.DefaultOpset)
    {
        gan.RequireGrown("export");
        var report = ProGanOnnxExport.Export(gan.Generator, directory, gan.Run.Id, opset, gan.Config.Data.ClassNames());
        var card = ProGanModelCard.Create(gan.Config.Model, report, gan.Run.Id, gan.Config.Training.EmaDecay)
            .Heading("Training")
            .Bullets(TrainingHistory(gan));
        return ExportFolder.Complete(directory, gan.Run.Id, [("generator", report)], card);
    }

    // The run's history for the model card: data, schedule and optimisation, and the evaluation when there is one.
    private static IEnumerable<string> TrainingHistory(TrainedProGan gan)
    {
        var t = gan.Config.Training;
        var evaluation = gan.Run.ReadEvaluation<GanEvaluation>();
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);

        yield return $"data: {gan.Config.Data.Kind} from `{gan.Config.Data.Path}`{(gan.Config.Data.Kind == DataSourceKind.Idx ? $", padded to {gan.Config.Model.ImageSize}x{gan.Config.Model.ImageSize}" : "")}";
        yield return $"grown over {gan.Config.Schedule.Phases} phases of {N(t.ImagesPerPhase)} images; {gan.Step} steps of batch {t.BatchSize}, WGAN-GP λ = {N(t.GradientPenaltyWeight)}, drift ε = {N(t.DriftWeight)}, Adam({N(t.LearningRate)}, β = {N(t.Beta1)}, {N(t.Beta2)}), seed {t.Seed}";
        if (evaluation is not null)
        {
            yield return GanOperations.EvaluationLine(evaluation, " (cropped to the data's size)");
        }
    }
}
