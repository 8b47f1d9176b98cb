using System.Text.Json;
using Pipeline.Application.Exports;
using Pipeline.Data;
using Pipeline.Onnx;
using Pipeline.Training;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Translation;

namespace Pipeline.Application.Translation;

/// <summary>
/// What a user does with an image-to-image translator (CycleGAN, pix2pix, super-resolution): train → evaluate, with
/// the run's HTML page (index.html) rewritten after each, → export.
/// </summary>
/// <example>
/// <code>
/// var report = TranslationOperations.Train(new TrainingRequest&lt;TranslationRunConfig&gt;(config, "runs/p2p", Resume: false, torch.CPU));
/// using var translator = TrainedTranslator.Load(report.Run.Path, torch.CPU);
/// var evaluation = TranslationOperations.Evaluate(translator, torch.CPU);
/// </code>
/// </example>
public static class TranslationOperations
{
    /// <summary>The short name of a recipe, as its <c>train</c> subcommand and page title spell it.</summary>
    public static string Name(TranslationRecipeKind recipe) => recipe switch
    {
        TranslationRecipeKind.CycleGan => "cyclegan",
        TranslationRecipeKind.Pix2Pix => "pix2pix",
        _ => "superres",
    };

    /// <summary>Opens (or creates) the run for training; <paramref name="notes"/> hears about the judging classifier.</summary>
    public static TrainingSession<TranslationRunConfig, TranslationStepMetrics> OpenTraining(TrainingRequest<TranslationRunConfig> request, IProgress<string>? notes = null) =>
        TrainingJob.Open(new TranslationTrainingPlan(request.RunPath, request.Device, notes), request);

    /// <summary>Trains (or resumes) a translation run, then rewrites its page when it has a checkpoint.</summary>
    public static TrainingReport<TranslationStepMetrics> Train(TrainingRequest<TranslationRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var report = TrainingJob.Run(new TranslationTrainingPlan(request.RunPath, request.Device), request, progress, cancellation);
        WritePageIfTrained(report.Run.Path);
        return report;
    }

    /// <summary>Rewrites the run's page when the run has a checkpoint; returns its path, or null.</summary>
    public static string? WritePageIfTrained(string runPath) =>
        File.Exists(RunFolder.Open(runPath).LastCheckpointPath) ? TranslationPage.Write(runPath) : null;

    /// <summary>
    /// Evaluates the run on its test images next to its baseline (bicubic for super-resolution, untranslated images for
    /// CycleGAN, an L1-only pix2pix run given as <paramref name="baselinePath"/>), writes evaluation.json and rewrites the page.
    /// <paramref name="notes"/> hears about the judging classifier and a baseline that is not L1-only.
    /// </summary>
    /// <exception cref="ArgumentException">a baseline run for a recipe whose baseline is built in.</exception>
    public static EvaluationReport<TranslationEvaluationResult> Evaluate(TrainedTranslator model, Device device, int? testImages = null, string? baselinePath = null, string? classifierPath = null, int seed = 1, IProgress<string>? notes = null)
    {
        var config = model.Config;
        if (baselinePath is not null && config.Recipe != TranslationRecipeKind.Pix2Pix)
        {
            throw new ArgumentException($"--baseline takes an L1-only pix2pix run; the baseline of {config.Recipe} is built in ({(config.Recipe == TranslationRecipeKind.SuperResolution ? "bicubic upsampling" : "untranslated images")}).");
        }

        using var baseline = baselinePath is null ? null : TrainedTranslator.Load(baselinePath, device);
        if (baseline is not null && baseline.Config.Pix2Pix!.Adversarial)
        {
            notes?.Report($"--baseline {baselinePath} was trained with D; the published baseline is an L1-only U-Net (`train pix2pix --l1-only`).");
        }

        var judged = (config.Recipe == TranslationRecipeKind.CycleGan && config.Data.Kind == TranslationDataKind.FashionSneakerBoot)
            || (config.Recipe == TranslationRecipeKind.Pix2Pix && config.Data.Kind == TranslationDataKind.FashionEdges);
        using var classifier = judged ? LoadClassifier(classifierPath ?? DefaultClassifierFolder(model.Run.Path), device, seed, notes) : null;
        var result = TranslationEvaluator.Evaluate(model, device, testImages, baseline, classifier);
        var path = model.Run.File("evaluation.json");
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, result, RunFolder.Json));
        TranslationPage.Write(model.Run.Path);
        return new(result, path)
        {
            Title = $"{config.Recipe} evaluation ({model.Run.Id}, step {model.Step}, {result.Images} test images)",
            Rows = TranslationFigures.Rows(config, result),
        };
    }

    /// <summary>
    /// Exports the translator (both generators of a CycleGAN) into <paramref name="folder"/>, verified against
    /// TorchSharp, with panels and the speed measured through ML.NET, the plain ML.NET zip and a model card.
    /// </summary>
    public static ExportReport Export(TrainedTranslator model, string folder, int opset = OnnxVersions.DefaultOpset) =>
        TranslationExport.Write(model, folder, opset);

    /// <summary>
    /// The ONNX file of <paramref name="direction"/> (<see cref="TranslationExport.Forward"/> or, for CycleGAN,
    /// <see cref="TranslationExport.Backward"/>) in the run's onnx/ folder, exported there first when it is missing or
    /// older than the last checkpoint; returns that export's report too (null when the file was current).
    /// </summary>
    public static (string File, ExportReport? Export) CurrentExport(string runPath, string direction, IProgress<string>? notes = null)
    {
        var run = RunFolder.Open(runPath);
        var folder = run.File("onnx");
        var file = Path.Combine(folder, TranslationExport.FileName(run.ReadConfig<TranslationRunConfig>(), direction));
        if (File.Exists(file) && File.GetLastWriteTimeUtc(file) >= File.GetLastWriteTimeUtc(run.LastCheckpointPath))
        {
            return (file, null);
        }

        notes?.Report($"exporting the run's last checkpoint to {folder} first");
        using var model = TrainedTranslator.Load(run.Path, CPU);
        return (file, Export(model, folder));
    }

    /// <summary>The run's evaluation, when one has been written.</summary>
    public static TranslationEvaluationResult? ReadEvaluation(string runPath)
    {
        var path = Path.Combine(runPath, "evaluation.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<TranslationEvaluationResult>(File.ReadAllText(path), RunFolder.Json) : null;
    }

    /// <summary>classifier/ beside the run: the GAN family caches its judge there, and translation runs share that cache.</summary>
    internal static string DefaultClassifierFolder(string runPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runPath).TrimEnd(Path.DirectorySeparatorChar))!, "classifier");

    /// <summary>The Fashion-MNIST classifier in <paramref name="folder"/>, trained there once if absent.</summary>
    internal static TrainedClassifier LoadClassifier(string folder, Device device, int seed, IProgress<string>? notes)
    {
        if (!File.Exists(Path.Combine(folder, RunFolder.ConfigFileName)))
        {
            notes?.Report($"training the judging classifier once on Fashion-MNIST (2 epochs; about a minute on 2 cores), cached in {folder}");
        }

        var source = DataSource.FashionMnist();
        var classifier = TrainedClassifier.LoadOrTrain(folder, source, source.Load(), device, seed: seed);
        notes?.Report($"classifier {folder}: {classifier.Config.TestAccuracy:P1} test accuracy");
        return classifier;
    }
}
