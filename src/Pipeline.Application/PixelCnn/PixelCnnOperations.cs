using System.Diagnostics;
using System.Globalization;
using Pipeline.Inference.Pictures;
using Pipeline.Application.Classifiers;
using Pipeline.Export.Families;
using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;
using Pipeline.Training;
using Pipeline.Training.Batching;
using Pipeline.Training.Classifiers;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Application.PixelCnn;

/// <summary>
/// What a user does with a gated PixelCNN over pixels (van den Oord et al. 2016): train → evaluate (exact bits/dim) →
/// sample → export. Each call writes into the run folder (or the path given) and returns what it wrote.
/// </summary>
/// <example>
/// <code>
/// var report = PixelCnnOperations.Train(new TrainingRequest&lt;PixelCnnRunConfig&gt;(config, "runs/pixelcnn", Resume: false, torch.CPU));
/// using var model = TrainedPixelCnn.Load(report.Run.Path, torch.CPU);
/// var pictures = PixelCnnOperations.Sample(model, torch.CPU, new SampleRequest(10, null, new CategoricalSampling(Temperature: 0.9), Seed: 1));
/// </code>
/// </example>
public static class PixelCnnOperations
{
    /// <summary>Opens (or creates) the run for training; show its <see cref="TrainingSession{TConfig, TMetrics}.Description"/>, then call Train.</summary>
    public static TrainingSession<PixelCnnRunConfig, PixelCnnMetrics> OpenTraining(TrainingRequest<PixelCnnRunConfig> request) =>
        TrainingJob.Open(PixelCnnTrainingPlan.Instance, request);

    /// <summary>Trains (or resumes) a PixelCNN run to its end or cancellation.</summary>
    public static TrainingReport<PixelCnnMetrics> Train(TrainingRequest<PixelCnnRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainingJob.Run(PixelCnnTrainingPlan.Instance, request, progress, cancellation);

    /// <summary>
    /// The exact test −log p(x) over the run's test set (the data's whole test set when <paramref name="wholeTestSet"/>,
    /// whatever test limit the run was trained with) and, when <paramref name="samples"/> &gt; 0, that many samples (every
    /// class in turn; image n from seed <paramref name="seed"/> + n) judged by the project's classifier (trained once in
    /// <paramref name="classifierPath"/>, default classifier/ beside the run); saved in the run.
    /// </summary>
    public static EvaluationReport<PixelCnnRunEvaluation> Evaluate(TrainedPixelCnn model, Device device, bool wholeTestSet = false,
        int samples = 0, CategoricalSampling? sampling = null, string? classifierPath = null, int seed = 0, IProgress<string>? notes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        var test = wholeTestSet && model.Config.Data.TestLimit is not null ? (model.Config.Data with { TestLimit = null }).Load().Test : model.Data.Test;
        var clock = Stopwatch.StartNew();
        var evaluation = PixelCnnEvaluator.Evaluate(model.Model, test, device);
        var result = new PixelCnnRunEvaluation(model.Step, evaluation.Grids, evaluation.NatsPerGrid, evaluation.BitsPerDimension, clock.Elapsed.TotalSeconds);
        if (samples > 0)
        {
            sampling ??= new CategoricalSampling();
            using var classifier = JudgingClassifier.Load(model.Run.Path, model.Config.Data, model.Data, device, classifierPath, seed, notes);
            var drawing = Stopwatch.StartNew();
            var (pixels, labels) = PixelCnnImagery.Sample(model.Model, samples, null, seed, sampling, device);
            var perSecond = samples / drawing.Elapsed.TotalSeconds;
            using var scope = NewDisposeScope();
            var o = model.Config.Model;
            var images = tensor(pixels, [samples, 1, o.Height, o.Width], device: device);
            var requested = o.IsClassConditional ? tensor(labels.Select(l => (long)l).ToArray(), device: device) : null;
            var judgement = GeneratedImageJudge.Judge(classifier, images, requested, model.Data.Train, model.Data.Test, device);
            result = result with { Samples = samples, Sampling = sampling, Judgement = judgement, SamplesPerSecond = perSecond };
        }

        return new(result, model.Run.WriteEvaluation(result));
    }

    /// <summary>
    /// Ancestral samples as a PNG grid (one row per class in turn) and/or IDX files with their labels; <paramref name="notes"/>
    /// hears how long drawing took.
    /// </summary>
    /// <exception cref="ArgumentException">a label outside the model's classes, or labels for an unconditional model.</exception>
    public static IReadOnlyList<Picture> Sample(TrainedPixelCnn model, Device device, SampleRequest request, IProgress<string>? notes = null)
    {
        var o = model.Config.Model;
        var clock = Stopwatch.StartNew();
        var (pixels, drawn) = PixelCnnImagery.Sample(model.Model, request.Count, request.Labels, request.Seed, request.Sampling, device);
        notes?.Report($"{request.Count} images drawn pixel by pixel in {clock.Elapsed.TotalSeconds:F1} s ({request.Count / clock.Elapsed.TotalSeconds:F2} images/s; {o.Positions} network passes per batch)");
        return PictureGrids.SaveGenerated(request.Stem(model.Run), pixels, drawn, (1, o.Height, o.Width), o.ClassCount, model.Run.Id, request.Png, request.Idx,
            o.IsClassConditional && request.EveryClass, model.Config.Data.ClassNames());
    }

    /// <summary>pixelcnn.onnx (verified against TorchSharp on random and real test batches) and its model card, in <paramref name="directory"/>.</summary>
    public static PixelCnnExportReport Export(TrainedPixelCnn model, string directory, int opset = OnnxVersions.DefaultOpset)
    {
        var o = model.Config.Model;
        using var scope = NewDisposeScope();
        var test = model.Data.Test.Take(Math.Min(8, model.Data.Test.Count));
        var (images, labels) = new MiniBatchLoader(test, test.Count, 0, CPU, shuffle: false).Gather(Enumerable.Range(0, test.Count).ToArray());
        var grid = PixelCnnLikelihood.Grid(o, images);
        IReadOnlyList<Tensor> real = o.IsClassConditional ? [grid, labels] : [grid];
        var report = PixelCnnOnnxExport.Export(model.Model, directory, model.Run.Id, verificationInputs: [real], opset: opset, classNames: model.Config.Data.ClassNames());
        var evaluation = model.Run.ReadEvaluation<PixelCnnRunEvaluation>();
        var t = model.Config.Training;
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        var card = PixelCnnModelCard.Create(o, report, model.Run.Id, evaluation?.BitsPerDimension)
            .Heading("Training")
            .Bullets(
            [
                $"data: {model.Config.Data.Kind} from `{model.Config.Data.Path}`",
                $"maximum likelihood (cross-entropy over {o.Levels} levels), {model.Step} Adam steps of batch {t.BatchSize}, learning rate {t.LearningRate.ToString(CultureInfo.InvariantCulture)}, seed {t.Seed}",
                evaluation is null ? "not evaluated yet (`pipeline evaluate RUN`)" : $"test −log p(x) at step {evaluation.Step}: {F(evaluation.NatsPerImage, "F2")} nats per image, {F(evaluation.BitsPerDimension, "F4")} bits/dim over {evaluation.Images} test images",
            ]);
        return new(model.Run.Id, report, card.Write(directory));
    }
}
