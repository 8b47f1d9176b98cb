using System.Text.Json;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.Training.Classifiers;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Translation;

/// <summary>The translation stages the commands run: train → evaluate (the page is rewritten after each).</summary>
internal static class TranslationJobs
{
    /// <summary>Trains (or resumes) the run in <paramref name="runPath"/>.</summary>
    public static TrainingResult Train(TranslationRunConfig config, string runPath, bool resume, Device device, CancellationToken cancellation)
    {
        // Data are loaded before a new run folder is made, so bad data leave no half-made run behind.
        var run = resume ? RunFolder.Open(runPath) : null;
        if (run is not null && RunKinds.Of(run.Path) != TranslationRunConfig.RunKind)
        {
            throw new CliError($"{run.Path} is a '{RunKinds.Of(run.Path)}' run, not a translation run.");
        }

        config = run?.ReadConfig<TranslationRunConfig>() ?? config;
        var train = config.Data.Load(DataSplit.Train);
        var test = config.Data.Load(DataSplit.Test);
        var needsJudge = config.SuperResolution?.Content == ContentLoss.ClassifierFeatures;
        if (needsJudge && config.ClassifierPath is null)
        {
            config = config with { ClassifierPath = DefaultClassifierFolder(runPath) };
        }

        using var classifier = needsJudge ? LoadClassifier(config.ClassifierPath!, device, config.Training.Seed) : null;
        if (run is null)
        {
            run = RunFolder.Create(runPath);
            run.WriteConfig(config);
        }

        var (nameA, nameB) = config.DomainNames;
        Terminal.Info($"data: {config.Data.Describe()}: {train.A.Count} {nameA} and {train.B.Count} {nameB} training images, {test.A.Count} test");
        Terminal.Info($"{config.Recipe}, {config.Training.Objective} adversarial loss, batch {config.Training.BatchSize}, Adam({config.Training.LearningRate}, β₁ {config.Training.Beta1}), "
            + $"{config.Training.Steps} steps (learning rate constant, then linearly to 0 over the second half)"
            + (config.Augmentation is { } a ? $", random {a.CropHeight}x{a.CropWidth} crops{(a.Flip ? " and flips" : "")}" : ""));
        using var recipe = new TranslationTrainingRecipe(config, train, test, device, classifier?.Model);
        var loop = new TrainingLoop<TranslationStepReport, TranslationStepMetrics>(run, recipe);
        if (resume)
        {
            loop.Resume();
            Terminal.Info($"resumed {run.Path} at step {loop.Step} of {recipe.TotalSteps}");
        }

        var result = TrainingProgressBar.Run($"{TranslationFamily.Subcommand(config.Recipe)} {run.Id}", recipe.TotalSteps, loop.Step, progress => loop.Run(progress, cancellation));
        Terminal.Wrote("metrics", run.MetricsPath);
        Terminal.Wrote("panels", run.File("images"));
        switch (result.Outcome)
        {
            case TrainingOutcome.Diverged:
                Terminal.Error(result.Message!);
                break;
            case TrainingOutcome.Interrupted:
                Terminal.Wrote("checkpoint", run.LastCheckpointPath);
                Terminal.Warn($"interrupted at step {result.Step}: continue with `train {TranslationFamily.Subcommand(config.Recipe)} --resume --out {run.Path}`");
                break;
            default:
                Terminal.Wrote("checkpoint", run.LastCheckpointPath);
                Terminal.Wrote("loss curve", loop.LossPlotPath);
                break;
        }

        if (File.Exists(run.LastCheckpointPath))
        {
            TranslationPage.Write(run.Path);
        }

        return result;
    }

    /// <summary>Evaluates the run on its test images next to its baseline, writes evaluation.json and the page.</summary>
    public static TranslationEvaluationResult Evaluate(TrainedTranslator model, Device device, int? testImages, string? baselinePath, string? classifierPath, int seed)
    {
        var config = model.Config;
        if (baselinePath is not null && config.Recipe != TranslationRecipeKind.Pix2Pix)
        {
            throw new CliError($"--baseline takes an L1-only pix2pix run; the baseline of {config.Recipe} is built in ({(config.Recipe == TranslationRecipeKind.SuperResolution ? "bicubic upsampling" : "untranslated images")}).");
        }

        using var baseline = baselinePath is null ? null : TrainedTranslator.Load(baselinePath, device);
        if (baseline is not null && baseline.Config.Pix2Pix!.Adversarial)
        {
            Terminal.Warn($"--baseline {baselinePath} was trained with D; the published baseline is an L1-only U-Net (`train pix2pix --l1-only`).");
        }

        var judged = config.Recipe == TranslationRecipeKind.CycleGan && config.Data.Kind == TranslationDataKind.FashionSneakerBoot;
        using var classifier = judged ? LoadClassifier(classifierPath ?? DefaultClassifierFolder(model.Run.Path), device, seed) : null;
        var result = TranslationEvaluator.Evaluate(model, device, testImages, baseline, classifier);
        var path = model.Run.File("evaluation.json");
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, result, RunFolder.Json));
        Terminal.Summary($"{config.Recipe} evaluation ({model.Run.Id}, step {model.Step}, {result.Images} test images)", TranslationFigures.Rows(config, result));
        Terminal.Wrote("evaluation", path);
        if (config.Recipe == TranslationRecipeKind.Pix2Pix && baseline is null)
        {
            Terminal.Info("no baseline given: train `pix2pix --l1-only` on the same data and pass it with --baseline RUN");
        }

        TranslationPage.Write(model.Run.Path);
        return result;
    }

    /// <summary>The run's evaluation, when `evaluate` has written one.</summary>
    public static TranslationEvaluationResult? ReadEvaluation(string runPath)
    {
        var path = Path.Combine(runPath, "evaluation.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<TranslationEvaluationResult>(File.ReadAllText(path), RunFolder.Json) : null;
    }

    // The GAN family caches its judge in classifier/ beside the run; translation runs share that cache.
    private static string DefaultClassifierFolder(string runPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runPath).TrimEnd(Path.DirectorySeparatorChar))!, "classifier");

    private static TrainedClassifier LoadClassifier(string folder, Device device, int seed)
    {
        if (!File.Exists(Path.Combine(folder, RunFolder.ConfigFileName)))
        {
            Terminal.Info($"training the judging classifier once on Fashion-MNIST (2 epochs; about a minute on 2 cores), cached in {folder}");
        }

        var source = DataSource.FashionMnist();
        var classifier = TrainedClassifier.LoadOrTrain(folder, source, source.Load(), device, seed: seed);
        Terminal.Info($"classifier {folder}: {classifier.Config.TestAccuracy:P1} test accuracy");
        return classifier;
    }
}
