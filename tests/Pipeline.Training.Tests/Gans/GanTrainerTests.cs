using Pipeline.Models.Gans;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;
using GanTrainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.Gans.GanRecipe, Pipeline.Training.Gans.GanStepReport, Pipeline.Training.Gans.GanStepMetrics>;

namespace Pipeline.Training.Tests.Gans;

public sealed class GanTrainerTests
{
    // Tiny networks so that a step takes milliseconds on two cores.
    private static readonly GanOptions Tiny = new(LatentSize: 16, GeneratorWidth: 8, DiscriminatorWidth: 8);

    [Fact]
    public void A_few_steps_change_both_networks_and_write_metrics_samples_and_a_checkpoint()
    {
        // Given
        using var folder = new TempDirectory();
        using var trainer = NewTrainer(folder.Path, Config(steps: 4));
        var generatorBefore = trainer.Recipe.Generator.Project.weight!.clone();
        var discriminatorBefore = ((Pipeline.Models.Layers.SpectralNorm)trainer.Recipe.Discriminator.Head).WeightOrig.clone();

        // When
        var result = trainer.Train();

        // Then
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.False(generatorBefore.allclose(trainer.Recipe.Generator.Project.weight!));
        Assert.False(discriminatorBefore.allclose(((Pipeline.Models.Layers.SpectralNorm)trainer.Recipe.Discriminator.Head).WeightOrig));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(folder.Path, "metrics.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(folder.Path, "images", "step-000004.png")));
        Assert.Equal(4, Checkpoint.ReadHeader(Path.Combine(folder.Path, "checkpoints", "last.ckpt")).Step);
    }

    [Fact]
    public void Gradient_penalty_enters_the_discriminators_gradient()
    {
        // Given: the same networks and batch, λ = 10 and λ = 0.
        var gradients = new List<Tensor>();
        foreach (var weight in new[] { 10.0, 0.0 })
        {
            using var folder = new TempDirectory();
            var config = Config(steps: 1) with { Training = Config(1).Training with { Objective = GanObjective.WassersteinGradientPenalty, GradientPenaltyWeight = weight } };
            using var trainer = NewTrainer(folder.Path, config);

            // When: one step, after which D's Adam step has used the gradient.
            trainer.Train();
            gradients.Add(((Pipeline.Models.Layers.SpectralNorm)trainer.Recipe.Discriminator.Head).WeightOrig.detach().clone());
        }

        // Then
        Assert.False(gradients[0].allclose(gradients[1]), "D's update is the same with and without the gradient penalty");
    }

    [Fact]
    public void Auxiliary_class_loss_trains_the_class_head_and_moves_the_generator_differently()
    {
        // Given: the same networks and batch with the AC-GAN class loss weighted 1 and 0.
        var generators = new List<Tensor>();
        foreach (var weight in new[] { 1.0, 0.0 })
        {
            using var folder = new TempDirectory();
            var config = Config(steps: 2) with { Model = Tiny with { AuxiliaryClassifier = true }, Training = Config(2).Training with { ClassLossWeight = weight } };
            using var trainer = NewTrainer(folder.Path, config);
            var head = trainer.Recipe.Discriminator.named_parameters().Single(p => p.name == "classifier.weight").parameter.detach().clone();

            // When
            trainer.Train();

            // Then: the class head learns only when its loss counts.
            var trained = trainer.Recipe.Discriminator.named_parameters().Single(p => p.name == "classifier.weight").parameter;
            Assert.Equal(weight > 0, !head.allclose(trained));
            generators.Add(trainer.Recipe.Generator.Project.weight!.detach().clone());
        }

        Assert.False(generators[0].allclose(generators[1]), "G's update ignores the class loss");
    }

    [Fact]
    public void Resumed_run_repeats_the_uninterrupted_runs_next_losses_exactly()
    {
        // Given: one run straight through 6 steps, another stopped after 3 and resumed in a new trainer.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var config = Config(steps: 6);
        var straight = new StepRecorder();
        using (var trainer = NewTrainer(straightFolder.Path, config))
        {
            trainer.Train(straight);
        }

        using var stop = new CancellationTokenSource();
        var beforeStop = new StepRecorder(afterStep: s => { if (s == 3) { stop.Cancel(); } });
        using (var trainer = NewTrainer(resumedFolder.Path, config))
        {
            Assert.Equal(TrainingOutcome.Interrupted, trainer.Train(beforeStop, stop.Token).Outcome);
        }

        // When
        var afterResume = new StepRecorder();
        using (var trainer = new GanTrainer(RunFolder.Open(resumedFolder.Path), new GanRecipe(config, SmallData.TrainImages(128), CPU)))
        {
            trainer.Resume();
            Assert.Equal(3, trainer.Step);
            trainer.Train(afterResume);
        }

        // Then
        Assert.Equal(straight.Losses.Take(3), beforeStop.Losses);
        Assert.Equal(straight.Losses.Skip(3), afterResume.Losses);
    }

    [Fact]
    public void Bf16_first_step_matches_fp32_within_bfloat16_rounding_and_its_discriminator_loss_falls()
    {
        // Given: the same seed, networks and batches in fp32 and in bf16 mixed precision.
        using var fp32Folder = new TempDirectory();
        using var bf16Folder = new TempDirectory();
        var fp32 = new StepRecorder();
        var bf16 = new StepRecorder();
        using (var trainer = NewTrainer(fp32Folder.Path, Config(steps: 1)))
        {
            trainer.Train(fp32);
        }

        // When
        var config = Config(steps: 30) with { Training = Config(30).Training with { Precision = GanPrecision.Bf16 } };
        using var mixed = NewTrainer(bf16Folder.Path, config);
        mixed.Train(bf16);

        // Then: one step apart only by rounding (bfloat16 keeps 8 significant bits), then D learns; weights stay fp32.
        Assert.Equal(fp32.Losses[0].D, bf16.Losses[0].D, 0.05);
        Assert.Equal(fp32.Losses[0].G, bf16.Losses[0].G, 0.05);
        var late = bf16.Losses.Skip(20).Average(l => l.D);
        Assert.True(late < bf16.Losses[0].D, $"D loss did not fall: {bf16.Losses[0].D} → {late}");
        Assert.All(mixed.Recipe.Generator.parameters().Concat(mixed.Recipe.Discriminator.parameters()), p => Assert.Equal(ScalarType.Float32, p.dtype));
    }

    [Fact]
    public void Reusing_the_d_steps_fakes_trains_g_on_them_and_repeats_its_first_d_step()
    {
        // Given: the same seed with fresh latents for G's step and with the D step's.
        var runs = new List<(StepRecorder Losses, Tensor Generator)>();
        foreach (var reuse in new[] { false, true })
        {
            using var folder = new TempDirectory();
            var losses = new StepRecorder();
            using var trainer = NewTrainer(folder.Path, Config(steps: 3) with { Training = Config(3).Training with { ReuseFakes = reuse } });

            // When
            Assert.Equal(TrainingOutcome.Completed, trainer.Train(losses).Outcome);
            runs.Add((losses, trainer.Recipe.Generator.Project.weight!.detach().clone()));
        }

        // Then: D's first step saw the same fakes; G's step saw other ones, so G moved elsewhere.
        Assert.Equal(runs[0].Losses.Losses[0].D, runs[1].Losses.Losses[0].D);
        Assert.NotEqual(runs[0].Losses.Losses[0].G, runs[1].Losses.Losses[0].G);
        Assert.All(runs[1].Losses.Losses, l => Assert.True(double.IsFinite(l.D) && double.IsFinite(l.G)));
        Assert.False(runs[0].Generator.allclose(runs[1].Generator));
    }

    [Fact]
    public void A_config_written_before_the_precision_option_reads_as_fp32()
    {
        // Given
        var config = Config(steps: 1) with { Training = Config(1).Training with { Precision = GanPrecision.Bf16 } };
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config, RunFolder.Json))!;
        Assert.True(json["training"]!.AsObject().Remove("precision"));

        // When
        var read = System.Text.Json.JsonSerializer.Deserialize<GanRunConfig>(json, RunFolder.Json)!;

        // Then
        Assert.Equal(GanPrecision.Fp32, read.Training.Precision);
    }

    [Fact]
    public void Divergence_stops_training_and_keeps_the_last_good_checkpoint()
    {
        // Given: a healthy run checkpointed at step 4, continued after its generator's weights became NaN.
        using var folder = new TempDirectory();
        var healthy = Config(steps: 4);
        using (var trainer = NewTrainer(folder.Path, healthy))
        {
            trainer.Train();
        }

        var continued = healthy with { Training = healthy.Training with { Steps = 40, CheckpointEverySteps = 1 } };
        using var resumed = new GanTrainer(RunFolder.Open(folder.Path), new GanRecipe(continued, SmallData.TrainImages(128), CPU));
        resumed.Resume();
        using (no_grad())
        {
            resumed.Recipe.Generator.Project.weight!.fill_(double.NaN);
        }

        // When
        var result = resumed.Train();

        // Then
        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        Assert.Contains("diverged", result.Message);
        Assert.Equal(5, result.Step);
        Assert.Equal(4, Checkpoint.ReadHeader(Path.Combine(folder.Path, "checkpoints", "last.ckpt")).Step);
        Assert.Equal(4, result.CheckpointStep);
    }

    [Fact]
    public void Moving_average_follows_the_generator_with_a_warm_up()
    {
        using var scope = NewDisposeScope();
        using var source = new DcganGenerator(Tiny);
        using var average = new DcganGenerator(Tiny);
        ExponentialMovingAverage.CopyFrom(average, source);
        using (no_grad())
        {
            source.Project.weight!.add_(1.0);
        }

        // At step 0 the warm-up decay is min(0.999, 1/10) = 0.1: the average moves 90% of the way.
        ExponentialMovingAverage.Update(average, source, 0.999, step: 0);

        var moved = (average.Project.weight! - source.Project.weight!).mean().item<float>();
        Assert.Equal(-0.1, moved, 1e-4);
    }

    private static GanRunConfig Config(long steps) => new(
        Tiny,
        new GanTrainingOptions(Steps: steps, BatchSize: 16, Seed: 42, LogEverySteps: 2, SampleEverySteps: 4, CheckpointEverySteps: 4),
        SmallData.Source(128, 32));

    private static GanTrainer NewTrainer(string path, GanRunConfig config)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return new GanTrainer(run, new GanRecipe(config, SmallData.TrainImages(128), CPU));
    }

    private sealed class StepRecorder(Action<long>? afterStep = null) : IProgress<TrainingProgress>
    {
        public List<(double D, double G)> Losses { get; } = [];

        public void Report(TrainingProgress value)
        {
            Losses.Add((value.Values.Single(v => v.Name == "D loss").Value, value.Values.Single(v => v.Name == "G loss").Value));
            afterStep?.Invoke(value.Step);
        }
    }
}
