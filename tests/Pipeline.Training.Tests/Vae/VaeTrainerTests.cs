using Pipeline.Models.Vae;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;
using VaeTrainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.Vae.VaeRecipe, Pipeline.Training.Vae.VaeStepReport, Pipeline.Training.Vae.VaeEpochMetrics>;

namespace Pipeline.Training.Tests.Vae;

public sealed class VaeTrainerTests
{
    [Fact]
    public void Negative_elbo_falls_over_a_few_dozen_steps()
    {
        // Given
        using var folder = new TempDirectory();
        var config = Config(maxSteps: 40, batchSize: 64);
        var steps = new StepRecorder();

        // When
        using (var trainer = NewTrainer(folder.Path, config))
        {
            trainer.Train(steps);
        }

        // Then
        var first = steps.NegElbo.Take(5).Average();
        var last = steps.NegElbo.TakeLast(5).Average();
        Assert.Equal(40, steps.NegElbo.Count);
        Assert.True(last < first - 100, $"-ELBO went from {first:F1} to {last:F1} nats");
    }

    [Fact]
    public void Resumed_run_repeats_the_uninterrupted_runs_next_losses_exactly()
    {
        // Given: one run straight through 24 steps, another stopped after 10 and resumed in a new trainer.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var config = Config(maxSteps: 24, batchSize: 32) with { Training = Config(24, 32).Training with { Epochs = 2 } };
        var straight = new StepRecorder();
        using (var trainer = NewTrainer(straightFolder.Path, config))
        {
            trainer.Train(straight);
        }

        using var stop = new CancellationTokenSource();
        var beforeStop = new StepRecorder(afterStep: s => { if (s == 10) { stop.Cancel(); } });
        using (var trainer = NewTrainer(resumedFolder.Path, config))
        {
            trainer.Train(beforeStop, stop.Token);
        }

        // When
        var afterResume = new StepRecorder();
        using (var trainer = new VaeTrainer(RunFolder.Open(resumedFolder.Path), new VaeRecipe(config, SmallData.TrainImages(256), SmallData.TestImages(64), CPU)))
        {
            trainer.Resume();
            Assert.Equal(10, trainer.Step);
            trainer.Train(afterResume);
        }

        // Then
        Assert.Equal(straight.NegElbo.Take(10), beforeStop.NegElbo);
        Assert.Equal(straight.NegElbo.Skip(10), afterResume.NegElbo);
    }

    [Fact]
    public void Each_epoch_writes_metrics_and_a_checkpoint()
    {
        using var folder = new TempDirectory();
        var config = Config(maxSteps: null, batchSize: 128) with { Training = Config(null, 128).Training with { Epochs = 2 } };

        IReadOnlyList<VaeEpochMetrics> metrics;
        using (var trainer = NewTrainer(folder.Path, config))
        {
            trainer.Train();
            metrics = trainer.Metrics;
        }

        Assert.Equal([1.0, 2.0], metrics.Select(m => m.Epoch));
        Assert.All(metrics, m => Assert.True(m.TestNegElbo > 0 && double.IsFinite(m.TestNegElbo)));
        Assert.True(File.Exists(Path.Combine(folder.Path, "checkpoints", "last.ckpt")));
        using var trained = TrainedVae.Load(folder.Path, CPU);
        Assert.Equal(4, trained.Step);
    }

    [Fact]
    public void Rejects_data_of_another_shape_naming_both_shapes()
    {
        using var folder = new TempDirectory();
        var config = Config(10, 32) with { Model = VaeOptions.Lecture with { ImageSize = 32 } };
        var run = RunFolder.Create(folder.Path);

        var error = Assert.Throws<ArgumentException>(() => new VaeRecipe(config, SmallData.TrainImages(64), SmallData.TestImages(64), CPU));

        Assert.Contains("1x28x28", error.Message);
        Assert.Contains("1x32x32", error.Message);
    }

    private static VaeRunConfig Config(long? maxSteps, int batchSize) => new(
        VaeOptions.Lecture,
        new VaeTrainingOptions(Epochs: 10, MaxSteps: maxSteps, BatchSize: batchSize, Seed: 42),
        SmallData.Source(256, 64));

    private static VaeTrainer NewTrainer(string path, VaeRunConfig config)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return new VaeTrainer(run, new VaeRecipe(config, SmallData.TrainImages(256), SmallData.TestImages(64), CPU));
    }

    private sealed class StepRecorder(Action<long>? afterStep = null) : IProgress<TrainingProgress>
    {
        public List<double> NegElbo { get; } = [];

        public void Report(TrainingProgress value)
        {
            NegElbo.Add(value.Values.Single(v => v.Name == "-ELBO").Value);
            afterStep?.Invoke(value.Step);
        }
    }
}
