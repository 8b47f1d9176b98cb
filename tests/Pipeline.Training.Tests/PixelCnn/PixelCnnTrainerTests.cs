using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using static TorchSharp.torch;
using PixelCnnTrainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.PixelCnn.PixelCnnRecipe, Pipeline.Training.PixelCnn.PixelCnnStepReport, Pipeline.Training.PixelCnn.PixelCnnMetrics>;

namespace Pipeline.Training.Tests.PixelCnn;

public sealed class PixelCnnTrainerTests
{
    private static readonly PixelCnnOptions Tiny = new(Channels: 8, Layers: 2, FirstKernelSize: 5, OutputChannels: 16, ClassCount: 10);

    [Fact]
    public void Bits_per_dimension_fall_over_a_few_dozen_steps()
    {
        // Given
        using var folder = new TempDirectory();
        var config = Config(maxSteps: 24);
        var steps = new StepRecorder();

        // When
        IReadOnlyList<PixelCnnMetrics> metrics;
        using (var trainer = NewTrainer(folder.Path, config))
        {
            trainer.Train(steps);
            metrics = trainer.Metrics;
        }

        // Then: from about 8 bits (a near-uniform softmax over 256 levels) well down, on train and test.
        var first = steps.Bits.Take(3).Average();
        var last = steps.Bits.TakeLast(3).Average();
        Assert.Equal(24, steps.Bits.Count);
        Assert.True(last < first - 0.8, $"train bits/dim went from {first:F2} to {last:F2}");
        Assert.Equal([16L, 24L], metrics.Select(m => m.Step));
        Assert.True(metrics[^1].TestBitsPerDimension < metrics[0].TestBitsPerDimension, $"test bits/dim {metrics[0].TestBitsPerDimension:F3} → {metrics[^1].TestBitsPerDimension:F3}");
        Assert.Equal(32, metrics[^1].TestImages);
        Assert.Equal(metrics[^1].TestNatsPerImage / (784 * Math.Log(2)), metrics[^1].TestBitsPerDimension, 9);
        using var trained = TrainedPixelCnn.Load(folder.Path, CPU);
        Assert.Equal(24, trained.Step);
        Assert.Equal(metrics[^1].TestBitsPerDimension, PixelCnnEvaluator.Evaluate(trained.Model, SmallData.TestImages(32), CPU).BitsPerDimension, 6);
    }

    [Fact]
    public void Resumed_run_repeats_the_uninterrupted_runs_next_losses_exactly()
    {
        // Given: one run straight through 10 steps of batch 8 over 64 images (an epoch boundary at 8), another stopped
        // after 5 and resumed in a new trainer; both drop classes, which must drop the same grids after the resume.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var config = Config(maxSteps: 10) with { Model = Tiny with { UnconditionalLabel = true }, Training = Config(10).Training with { BatchSize = 8, ClassDropout = 0.3 } };
        var straight = new StepRecorder();
        using (var trainer = NewTrainer(straightFolder.Path, config, trainImages: 64))
        {
            trainer.Train(straight);
        }

        using var stop = new CancellationTokenSource();
        var beforeStop = new StepRecorder(afterStep: s => { if (s == 5) { stop.Cancel(); } });
        using (var trainer = NewTrainer(resumedFolder.Path, config, trainImages: 64))
        {
            trainer.Train(beforeStop, stop.Token);
        }

        // When
        var afterResume = new StepRecorder();
        using (var trainer = new PixelCnnTrainer(RunFolder.Open(resumedFolder.Path), new PixelCnnRecipe(config, SmallData.TrainImages(64), SmallData.TestImages(32), CPU)))
        {
            trainer.Resume();
            Assert.Equal(5, trainer.Step);
            trainer.Train(afterResume);
        }

        // Then
        Assert.Equal(straight.Bits.Take(5), beforeStop.Bits);
        Assert.Equal(straight.Bits.Skip(5), afterResume.Bits);
    }

    [Fact]
    public void Class_dropout_trains_the_no_class_label_and_needs_it()
    {
        // Given: the same 12 steps with 30% of the classes dropped, and without dropping.
        using var droppedFolder = new TempDirectory();
        using var keptFolder = new TempDirectory();
        using var refusedFolder = new TempDirectory();
        var dropped = Config(12) with { Model = Tiny with { UnconditionalLabel = true }, Training = Config(12).Training with { ClassDropout = 0.3 } };
        var kept = Config(12) with { Model = Tiny with { UnconditionalLabel = true } };

        // When
        var (droppedBias, keptBias) = (NoClassBias(droppedFolder.Path, dropped), NoClassBias(keptFolder.Path, kept));
        var refused = Assert.Throws<ArgumentException>(() => NewTrainer(refusedFolder.Path, dropped with { Model = Tiny }));

        // Then: the "no class" row starts at zero (the unconditional layer) and only dropped grids move it.
        Assert.True(droppedBias > 1e-3, $"the no-class bias moved by {droppedBias}");
        Assert.Equal(0, keptBias);
        Assert.Contains("no class", refused.Message);
    }

    // Trains and returns the largest |bias| of the "no class" label over every layer.
    private static double NoClassBias(string path, PixelCnnRunConfig config)
    {
        using var trainer = NewTrainer(path, config);
        trainer.Train();
        return trainer.Recipe.Net.Layers.Max(l => Math.Max(l.ClassVertical!.weight![Tiny.ClassCount].abs().max().item<float>(), l.ClassHorizontal!.weight![Tiny.ClassCount].abs().max().item<float>()));
    }

    [Fact]
    public void Rejects_colour_or_wrongly_sized_images_naming_both_shapes()
    {
        using var folder = new TempDirectory();
        var config = Config(10) with { Model = Tiny with { Height = 32, Width = 32 } };

        var error = Assert.Throws<ArgumentException>(() => new PixelCnnRecipe(config, SmallData.TrainImages(64), SmallData.TestImages(64), CPU));

        Assert.Contains("1x28x28", error.Message);
        Assert.Contains("1x32x32", error.Message);
    }

    private static PixelCnnRunConfig Config(long maxSteps) => new(
        Tiny,
        new PixelCnnTrainingOptions(Epochs: 10, MaxSteps: maxSteps, BatchSize: 16, LearningRate: 5e-3, Seed: 42),
        SmallData.Source(256, 32));

    private static PixelCnnTrainer NewTrainer(string path, PixelCnnRunConfig config, int trainImages = 256)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return new PixelCnnTrainer(run, new PixelCnnRecipe(config, SmallData.TrainImages(trainImages), SmallData.TestImages(32), CPU));
    }

    private sealed class StepRecorder(Action<long>? afterStep = null) : IProgress<TrainingProgress>
    {
        public List<double> Bits { get; } = [];

        public void Report(TrainingProgress value)
        {
            Bits.Add(value.Values.Single(v => v.Name == "bits/dim").Value);
            afterStep?.Invoke(value.Step);
        }
    }
}
