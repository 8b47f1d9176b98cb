using Pipeline.Data;
using Pipeline.Data.Translation;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Translation;

public sealed class TranslationTrainingRecipeTests
{
    // CycleGAN with everything that draws randomness or carries state across steps: crops, flips, the image pool.
    private static readonly TranslationRunConfig s_cycle = new(
        TranslationRecipeKind.CycleGan,
        new TranslationData(TranslationDataKind.FashionSneakerBoot, FashionMnist.DefaultDirectory),
        new TranslationTrainingOptions(Steps: 6, BatchSize: 2, Seed: 5),
        CycleGan: new CycleGanOptions(ImageSize: 24, GeneratorWidth: 4, DiscriminatorWidth: 4, PoolSize: 3),
        Augmentation: new TranslationAugmentation(24, 24, Flip: true),
        LogEverySteps: 1,
        SampleEverySteps: 3,
        CheckpointEverySteps: 100);

    [Fact]
    public void A_cyclegan_run_stopped_and_resumed_in_a_new_recipe_ends_with_the_uninterrupted_runs_weights_pools_and_metrics()
    {
        // Given: one run straight through 6 steps, another cancelled after 3 and resumed by a new recipe and loop.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var (train, test) = (Shoes(), Shoes());
        var straight = Train(straightFolder.Path, train, test, resume: false, stopAfter: null);
        Train(resumedFolder.Path, train, test, resume: false, stopAfter: 3);

        // When
        var resumed = Train(resumedFolder.Path, train, test, resume: true, stopAfter: null);

        // Then: every network and both pools equal bit for bit, and the metrics lines match
        Assert.Equal(straight.Weights.Length, resumed.Weights.Length);
        Assert.All(straight.Weights.Zip(resumed.Weights), p => Assert.Equal(p.First, p.Second));
        var (a, b) = (Metrics(straightFolder.Path), Metrics(resumedFolder.Path));
        Assert.Equal([1L, 2, 3, 4, 5, 6], b.Select(m => m.Step));
        Assert.Equal(a.Select(m => m.Losses.OrderBy(l => l.Key).ToArray()), b.Select(m => m.Losses.OrderBy(l => l.Key).ToArray()));
        Assert.True(File.Exists(Path.Combine(resumedFolder.Path, "images", "step-000006.png")));
    }

    [Fact]
    public void A_non_finite_loss_is_divergence_named_by_the_loss()
    {
        using var recipe = new TranslationTrainingRecipe(s_cycle, Shoes(), Shoes(), CPU);

        var divergence = recipe.CheckDivergence(new TranslationStepReport(4, [("G_A", 0.3), ("cycle A", double.NaN)]));

        Assert.NotNull(divergence);
        Assert.Contains("the cycle A loss is NaN", divergence.Reason);
        Assert.Null(recipe.CheckDivergence(new TranslationStepReport(4, [("G_A", 0.3)])));
    }

    [Fact]
    public void Images_of_another_size_than_the_config_says_are_refused_naming_both_shapes()
    {
        var wrong = new TranslationImages(new ImageDataset(new float[2 * 16], [0, 0], 1, 4, 4, 1, "tiny"), new ImageDataset(new float[2 * 16], [0, 0], 1, 4, 4, 1, "tiny"), IsPaired: false);

        var error = Assert.Throws<ArgumentException>(() => new TranslationTrainingRecipe(s_cycle, wrong, wrong, CPU));

        Assert.Contains("tiny: images are 1x4x4, the CycleGan input (domain A) expects 1x28x28", error.Message);
    }

    private static (float[][] Weights, long Step) Train(string folder, TranslationImages train, TranslationImages test, bool resume, long? stopAfter)
    {
        var run = resume ? RunFolder.Open(folder) : RunFolder.Create(folder);
        if (!resume)
        {
            run.WriteConfig(s_cycle);
        }

        using var recipe = new TranslationTrainingRecipe(s_cycle, train, test, CPU);
        var loop = new TrainingLoop<TranslationStepReport, TranslationStepMetrics>(run, recipe);
        if (resume)
        {
            loop.Resume();
        }

        using var stop = new CancellationTokenSource();
        var result = loop.Run(new StopAt(stopAfter, stop), stop.Token);
        Assert.Equal(stopAfter is null ? TrainingOutcome.Completed : TrainingOutcome.Interrupted, result.Outcome);
        var weights = recipe.Modules.SelectMany(m => m.Module.state_dict().Values).Select(t => t.detach().to(ScalarType.Float32).flatten().data<float>().ToArray()).ToArray();
        return (weights, loop.Step);
    }

    private static IReadOnlyList<TranslationStepMetrics> Metrics(string folder) => new MetricsLog<TranslationStepMetrics>(Path.Combine(folder, "metrics.jsonl")).ReadAll();

    private static TranslationImages Shoes() => CycleGanRecipeTests.Shoes();

    private sealed class StopAt(long? step, CancellationTokenSource stop) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == step)
            {
                stop.Cancel();
            }
        }
    }
}
