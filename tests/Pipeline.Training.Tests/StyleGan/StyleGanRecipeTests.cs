using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using Pipeline.Training.Loop;
using Pipeline.Training.StyleGan;
using static TorchSharp.torch;
using StyleGanTrainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.StyleGan.StyleGanRecipe, Pipeline.Training.StyleGan.StyleGanStepReport, Pipeline.Training.StyleGan.StyleGanStepMetrics>;

namespace Pipeline.Training.Tests.StyleGan;

public sealed class StyleGanRecipeTests
{
    [Fact]
    public void With_the_generator_held_still_the_discriminator_learns_and_the_generators_loss_rises()
    {
        // Given: G's step size negligible and no path-length updates, so G stays put while D trains.
        var config = TinyStyleGanRun.Config(steps: 15);
        using var recipe = new StyleGanRecipe(config with { Training = config.Training with { GeneratorLearningRate = 1e-9, PathLengthWeight = 0 } }, TinyStyleGanRun.Images, CPU);

        // When
        var reports = Enumerable.Range(0, 15).Select(s => recipe.Step(s)).ToList();

        // Then
        var (early, late, series) = Split(reports);
        Assert.True(late.Average(r => r.DiscriminatorLoss) < early.Average(r => r.DiscriminatorLoss) - 0.1, $"D loss did not fall (D/G per step): {series}");
        Assert.True(late.Average(r => r.GeneratorLoss) > early.Average(r => r.GeneratorLoss), $"G loss did not rise (D/G per step): {series}");
        Assert.True(late.Average(r => r.DReal) > late.Average(r => r.DFake), "D does not rate real images above generated ones");
    }

    [Fact]
    public void With_the_discriminator_held_still_the_generator_learns_to_fool_it_and_nothing_is_nan()
    {
        // Given: D's step size negligible and no R1, so D stays put while G trains.
        var config = TinyStyleGanRun.Config(steps: 15);
        using var recipe = new StyleGanRecipe(config with { Training = config.Training with { DiscriminatorLearningRate = 1e-9, R1Gamma = 0 } }, TinyStyleGanRun.Images, CPU);

        // When
        var reports = Enumerable.Range(0, 15).Select(s => recipe.Step(s)).ToList();

        // Then
        var (early, late, series) = Split(reports);
        Assert.True(late.Average(r => r.GeneratorLoss) < early.Average(r => r.GeneratorLoss) - 0.1, $"G loss did not fall (D/G per step): {series}");
        Assert.All(reports, r => Assert.True(double.IsFinite(r.DiscriminatorLoss) && double.IsFinite(r.GeneratorLoss) && double.IsFinite(r.PathLength ?? 0), $"non-finite values {r}"));
        Assert.All(recipe.Generator.parameters().Concat(recipe.AverageGenerator.parameters()), p => Assert.False(p.isnan().any().item<bool>()));
    }

    [Fact]
    public void Lazy_regularisers_run_only_on_their_interval_and_the_path_length_mean_follows()
    {
        // Given: R1 every 4 steps, path length every 2.
        using var recipe = new StyleGanRecipe(TinyStyleGanRun.Config(steps: 9), TinyStyleGanRun.Images, CPU);

        // When
        var reports = Enumerable.Range(0, 9).Select(s => recipe.Step(s)).ToList();

        // Then
        Assert.Equal([0, 4, 8], reports.Select((r, i) => (r, i)).Where(p => p.r.R1 is not null).Select(p => p.i));
        Assert.Equal([0, 2, 4, 6, 8], reports.Select((r, i) => (r, i)).Where(p => p.r.PathLength is not null).Select(p => p.i));
        Assert.All(reports.Where(r => r.R1 is not null), r => Assert.True(r.R1 > 0));
        var lengths = reports.Where(r => r.PathLength is not null).Select(r => r.PathLength!.Value).ToList();
        var expected = lengths.Aggregate(0.0, (a, length) => a + (0.01 * (length - a)));            // a ← lerp(a, length, 0.01) from 0
        Assert.Equal(expected, recipe.State.PathLengthMean, 1e-6);
    }

    [Fact]
    public void R1_changes_the_discriminators_update()
    {
        // Given: one step with γ = 10 and one with γ = 0 from the same start.
        var heads = new List<Tensor>();
        foreach (var gamma in new[] { 10.0, 0.0 })
        {
            var config = TinyStyleGanRun.Config(steps: 1);
            using var recipe = new StyleGanRecipe(config with { Training = config.Training with { R1Gamma = gamma } }, TinyStyleGanRun.Images, CPU);

            // When
            recipe.Step(0);
            heads.Add(recipe.Discriminator.parameters().First().detach().clone());
        }

        // Then
        Assert.False(heads[0].allclose(heads[1]), "D's weights are the same with and without R1");
    }

    [Fact]
    public void The_averaged_generator_trails_the_trained_one()
    {
        // Given
        using var recipe = new StyleGanRecipe(TinyStyleGanRun.Config(steps: 6), TinyStyleGanRun.Images, CPU);
        var initial = recipe.Generator.parameters().Select(p => p.detach().clone()).ToList();

        // When
        for (var s = 0; s < 6; s++)
        {
            recipe.Step(s);
        }

        // Then: the average moved away from the initial weights, but is not the trained G; w̄ is shared with G.
        var (live, average) = (recipe.Generator.parameters().ToList(), recipe.AverageGenerator.parameters().ToList());
        Assert.Contains(Enumerable.Range(0, live.Count), i => !average[i].allclose(initial[i]));
        Assert.Contains(Enumerable.Range(0, live.Count), i => !average[i].allclose(live[i]));
        Assert.True(recipe.AverageGenerator.WAverage.eq(recipe.Generator.WAverage).all().item<bool>());
        Assert.True(recipe.Generator.WAverage.abs().sum().item<float>() > 0, "w̄ was never tracked");
    }

    [Fact]
    public void Resumed_run_reproduces_the_uninterrupted_runs_weights_bit_for_bit()
    {
        // Given: ADA on (its p and sign sums are state) with every lazy term falling on both sides of the checkpoint at 3.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var config = TinyStyleGanRun.Config(steps: 6);
        config = config with { Training = config.Training with { AdaptiveAugmentation = true, AdaInterval = 2, AdaSpeedImages = 40, R1Interval = 2, CheckpointEverySteps = 100 } };
        using var straight = NewTrainer(straightFolder.Path, config);
        straight.Train();

        using var stop = new CancellationTokenSource();
        using (var first = NewTrainer(resumedFolder.Path, config))
        {
            Assert.Equal(TrainingOutcome.Interrupted, first.Train(new Progress(s => { if (s == 3) { stop.Cancel(); } }), stop.Token).Outcome);
        }

        // When
        using var resumed = new StyleGanTrainer(RunFolder.Open(resumedFolder.Path), new StyleGanRecipe(config, TinyStyleGanRun.Images, CPU));
        resumed.Resume();
        Assert.Equal(3, resumed.Step);
        resumed.Train();

        // Then: every module's every tensor, training state included, is identical.
        Assert.True(straight.Recipe.State.AugmentProbability > 0, "ADA's p never moved, so the test would not cover it");
        foreach (var ((name, a), (_, b)) in straight.Recipe.Modules.Zip(resumed.Recipe.Modules))
        {
            var (left, right) = (a.state_dict(), b.state_dict());
            Assert.Equal(left.Keys, right.Keys);
            Assert.All(left.Keys, key => Assert.True(left[key].eq(right[key]).all().item<bool>(), $"{name}.{key} differs after resume"));
        }

        Assert.Equal(6, Checkpoint.ReadHeader(Path.Combine(resumedFolder.Path, "checkpoints", "last.ckpt")).Step);
    }

    [Fact]
    public void A_run_writes_metrics_with_its_lazy_terms_samples_and_a_checkpoint()
    {
        // Given
        using var folder = new TempDirectory();
        using var trainer = NewTrainer(folder.Path, TinyStyleGanRun.Config(steps: 4));

        // When
        var result = trainer.Train();

        // Then
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal([2L, 4], trainer.Metrics.Select(m => m.Step));
        Assert.NotNull(trainer.Metrics[0].R1);                  // step 0 of the first window
        Assert.Null(trainer.Metrics[1].R1);                     // steps 2, 3
        Assert.NotNull(trainer.Metrics[1].PathLength);          // step 2
        Assert.Null(trainer.Metrics[0].AugmentProbability);     // ADA off
        Assert.True(File.Exists(Path.Combine(folder.Path, "images", "step-000004.png")));
        Assert.Equal(4, Checkpoint.ReadHeader(Path.Combine(folder.Path, "checkpoints", "last.ckpt")).Step);
    }

    [Fact]
    public void Data_of_the_wrong_shape_or_class_count_is_refused_naming_both()
    {
        var rgb = TinyStyleGanRun.Config(steps: 1) with { Model = TinyStyleGanRun.Model with { Channels = 3 } };

        var shape = Assert.Throws<ArgumentException>(() => new StyleGanRecipe(rgb, TinyStyleGanRun.Images, CPU));
        var classes = Assert.Throws<ArgumentException>(() => new StyleGanRecipe(TinyStyleGanRun.Config(1) with { Model = TinyStyleGanRun.Model with { ClassCount = 3 } }, TinyStyleGanRun.Images, CPU));

        Assert.Contains("images are 1x32x32, the StyleGAN expects 3x32x32", shape.Message);
        Assert.Contains("10 classes, the conditional StyleGAN expects 3", classes.Message);
    }

    [Theory]
    [InlineData(nameof(StyleGanTrainingOptions.R1Interval), "R1Interval must be at least 1, got 0")]
    [InlineData(nameof(StyleGanTrainingOptions.StyleMixingProbability), "StyleMixingProbability must be in [0, 1], got 1.5")]
    [InlineData(nameof(StyleGanTrainingOptions.PathLengthBatchShrink), "PathLengthBatchShrink must be in [1, BatchSize = 32], got 64")]
    public void Bad_training_options_are_refused_by_name(string option, string message)
    {
        var options = option switch
        {
            nameof(StyleGanTrainingOptions.R1Interval) => new StyleGanTrainingOptions(R1Interval: 0),
            nameof(StyleGanTrainingOptions.StyleMixingProbability) => new StyleGanTrainingOptions(StyleMixingProbability: 1.5),
            _ => new StyleGanTrainingOptions(PathLengthBatchShrink: 64),
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, error.Message);
    }

    // The first 3 and last 5 steps, and the losses of all for messages.
    private static (List<StyleGanStepReport> Early, List<StyleGanStepReport> Late, string Series) Split(List<StyleGanStepReport> reports) =>
        (reports.Take(3).ToList(), reports.TakeLast(5).ToList(), string.Join(" ", reports.Select(r => $"{r.DiscriminatorLoss:F2}/{r.GeneratorLoss:F2}")));

    private static StyleGanTrainer NewTrainer(string path, StyleGanRunConfig config)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return new StyleGanTrainer(run, new StyleGanRecipe(config, TinyStyleGanRun.Images, CPU));
    }

    private sealed class Progress(Action<long> afterStep) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => afterStep(value.Step);
    }
}
