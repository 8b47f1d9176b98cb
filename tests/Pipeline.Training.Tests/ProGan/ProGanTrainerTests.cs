using Pipeline.Data;
using Pipeline.Models.ProGan;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Loop;
using Pipeline.Training.ProGan;
using Pipeline.Training.Runs;
using static TorchSharp.torch;
using ProGanTrainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.ProGan.ProGanRecipe, Pipeline.Training.ProGan.ProGanStepReport, Pipeline.Training.ProGan.ProGanStepMetrics>;

namespace Pipeline.Training.Tests.ProGan;

public sealed class ProGanTrainerTests
{
    // Tiny networks at 32×32 (8 channels, z of 8) so that the whole growth 4 → 32 takes seconds.
    private static readonly ProGanOptions Tiny = ProGanOptions.ConditionalFashion32 with { LatentSize = 8, WidthBase = 64, MaxWidth = 8, MinWidth = 8 };

    [Fact]
    public void A_tiny_run_grows_to_full_size_with_finite_moving_losses_and_writes_its_files()
    {
        // Given: 32 images per phase in batches of 16, 7 phases of 2 steps.
        using var folder = new TempDirectory();
        var config = Config();
        using var trainer = NewTrainer(folder.Path, config);
        var before = trainer.Recipe.Generator.Blocks[2].Conv2.Weight.clone();
        var recorder = new StepRecorder();

        // When
        var result = trainer.Train(recorder);

        // Then
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(14, config.TotalSteps);
        Assert.Equal([4, 4, 8, 8, 8, 8, 16, 16, 16, 16, 32, 32, 32, 32], recorder.Steps.Select(s => (int)s.Size));
        Assert.Equal([1, 1, 0, 0.5, 1, 1, 0, 0.5, 1, 1, 0, 0.5, 1, 1], recorder.Steps.Select(s => s.Alpha));
        Assert.All(recorder.Steps, s => Assert.True(double.IsFinite(s.D) && double.IsFinite(s.G)));
        Assert.True(recorder.Steps.Select(s => s.D).Distinct().Count() > 10, "D's loss does not move");
        Assert.True(recorder.Steps.Select(s => s.G).Distinct().Count() > 10, "G's loss does not move");
        Assert.False(before.allclose(trainer.Recipe.Generator.Blocks[2].Conv2.Weight), "the 32×32 block was not trained");
        Assert.Equal([32, 32], trainer.Metrics.Select(m => m.Size).TakeLast(2));
        foreach (var file in new[] { "images/step-000014.png", "images/size-04x04.png", "images/size-32x32.png", "loss.png" })
        {
            Assert.True(File.Exists(Path.Combine(folder.Path, file)), $"missing {file}");
        }

        Assert.Equal(14, Checkpoint.ReadHeader(Path.Combine(folder.Path, "checkpoints", "last.ckpt")).Step);
    }

    [Fact]
    public void A_run_killed_mid_transition_and_resumed_repeats_the_uninterrupted_run_bit_for_bit()
    {
        // Given: one run straight through, another stopped after step 3 (8×8 fading in at α = 0.5) and resumed.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var config = Config();
        var straight = new StepRecorder();
        Tensor[] straightWeights;
        using (var trainer = NewTrainer(straightFolder.Path, config))
        {
            trainer.Train(straight);
            straightWeights = [.. trainer.Recipe.Modules.SelectMany(m => m.Module.parameters()).Select(p => p.detach().clone())];
        }

        using var stop = new CancellationTokenSource();
        var beforeStop = new StepRecorder(afterStep: s => { if (s == 4) { stop.Cancel(); } });
        using (var trainer = NewTrainer(resumedFolder.Path, config))
        {
            Assert.Equal(TrainingOutcome.Interrupted, trainer.Train(beforeStop, stop.Token).Outcome);
        }

        // When
        var afterResume = new StepRecorder();
        using var resumed = new ProGanTrainer(RunFolder.Open(resumedFolder.Path), new ProGanRecipe(config, Images(config), CPU));
        resumed.Resume();
        Assert.Equal(4, resumed.Step);
        resumed.Train(afterResume);

        // Then: the same losses, stages and final weights of G, D and the average, to the bit.
        Assert.Equal(straight.Steps.Take(4), beforeStop.Steps);
        Assert.Equal(straight.Steps.Skip(4), afterResume.Steps);
        var resumedWeights = resumed.Recipe.Modules.SelectMany(m => m.Module.parameters()).ToArray();
        Assert.Equal(straightWeights.Length, resumedWeights.Length);
        Assert.All(straightWeights.Zip(resumedWeights), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void Fashion_mnist_is_padded_to_the_model_size_and_data_of_another_size_is_refused()
    {
        var config = Config();

        var padded = config.AtModelSize(SmallData.TrainImages(4));
        var error = Assert.Throws<ArgumentException>(() => new ProGanRecipe(config with { Model = Tiny with { ImageSize = 16 } }, SmallData.TrainImages(32), CPU));

        Assert.Equal((32, 32), (padded.Height, padded.Width));
        Assert.Equal(0f, padded.Pixels[0]);
        Assert.Contains("images are 1x28x28, the Progressive GAN expects 1x16x16", error.Message);
    }

    private static ProGanRunConfig Config() => new ProGanRunConfig(
        Tiny,
        new ProGanTrainingOptions(ImagesPerPhase: 32, BatchSize: 16, Seed: 7, LogEverySteps: 2, SampleEverySteps: 2, CheckpointEverySteps: 4),
        SmallData.Source(128, 32)).FitTo(SmallData.TrainImages(128));

    private static ImageDataset Images(ProGanRunConfig config) => config.AtModelSize(SmallData.TrainImages(128));

    private static ProGanTrainer NewTrainer(string path, ProGanRunConfig config)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return new ProGanTrainer(run, new ProGanRecipe(config, Images(config), CPU));
    }

    private sealed class StepRecorder(Action<long>? afterStep = null) : IProgress<TrainingProgress>
    {
        public List<(double D, double G, double Size, double Alpha)> Steps { get; } = [];

        public void Report(TrainingProgress value)
        {
            double Value(string name) => value.Values.Single(v => v.Name == name).Value;
            Steps.Add((Value("D loss"), Value("G loss"), Value("size"), Value("α")));
            afterStep?.Invoke(value.Step);
        }
    }
}
