using Pipeline.Data;
using Pipeline.Models.VqVae2;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;
using VqVae2Trainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.VqVae2.VqVae2Recipe, Pipeline.Training.VqVae2.VqVae2StepReport, Pipeline.Training.VqVae2.VqVae2Metrics>;

namespace Pipeline.Training.Tests.VqVae2;

public sealed class VqVae2TrainerTests
{
    private static readonly VqVae2Options Tiny = new(HiddenChannels: 16, ResidualChannels: 8, ResidualBlocks: 1, CodebookSize: 32, CodeDim: 8);

    [Fact]
    public void Reconstruction_error_falls_over_a_few_dozen_steps()
    {
        using var folder = new TempDirectory();
        var steps = new StepRecorder();

        using (var trainer = NewTrainer(folder.Path, Config(maxSteps: 30, batchSize: 16, learningRate: 2e-3)))
        {
            trainer.Train(steps);
        }

        var first = steps.Mse.Take(5).Average();
        var last = steps.Mse.TakeLast(5).Average();
        Assert.Equal(30, steps.Mse.Count);
        Assert.True(last < first * 0.6, $"MSE went from {first:F4} to {last:F4}");
    }

    [Fact]
    public void Resumed_run_repeats_the_uninterrupted_run_including_its_codebooks()
    {
        // Given: one run straight through 16 steps, another stopped after 6 and resumed in a new trainer.
        using var straightFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        var config = Config(maxSteps: 12, batchSize: 16) with { Training = Config(12, 16).Training with { LogEverySteps = 8 } };
        var straight = new StepRecorder();
        Tensor straightCodebook;
        using (var trainer = NewTrainer(straightFolder.Path, config))
        {
            trainer.Train(straight);
            straightCodebook = trainer.Recipe.Model.QuantizeBottom.Codebook.clone();
        }

        using var stop = new CancellationTokenSource();
        var beforeStop = new StepRecorder(afterStep: s => { if (s == 6) { stop.Cancel(); } });
        using (var trainer = NewTrainer(resumedFolder.Path, config))
        {
            trainer.Train(beforeStop, stop.Token);
        }

        // When
        var afterResume = new StepRecorder();
        Tensor resumedCodebook;
        using (var trainer = new VqVae2Trainer(RunFolder.Open(resumedFolder.Path), new VqVae2Recipe(config, SmallData.TrainImages(256), SmallData.TestImages(32), CPU)))
        {
            trainer.Resume();
            Assert.Equal(6, trainer.Step);
            trainer.Train(afterResume);
            resumedCodebook = trainer.Recipe.Model.QuantizeBottom.Codebook.clone();
        }

        // Then: the same losses step for step, and the EMA codebook (a buffer in the checkpoint) ends bit-identical.
        Assert.Equal(12, straight.Loss.Count);
        Assert.Equal(straight.Loss.Take(6), beforeStop.Loss);
        Assert.Equal(straight.Loss.Skip(6), afterResume.Loss);
        Assert.True(straightCodebook.allclose(resumedCodebook, rtol: 0, atol: 0), "codebooks differ after resume");
    }

    [Fact]
    public void Each_metrics_line_reports_test_psnr_and_perplexity_per_level()
    {
        using var folder = new TempDirectory();
        var config = Config(maxSteps: 6, batchSize: 16) with { Training = Config(6, 16).Training with { LogEverySteps = 3 } };

        IReadOnlyList<VqVae2Metrics> metrics;
        using (var trainer = NewTrainer(folder.Path, config))
        {
            trainer.Train();
            metrics = trainer.Metrics;
        }

        Assert.Equal([3L, 6L], metrics.Select(m => m.Step));
        Assert.All(metrics, m =>
        {
            Assert.Equal(VqVae2Evaluator.Psnr(m.TestMse), m.TestPsnr, 9);
            Assert.InRange(m.TestPsnr, 5, 60);
            Assert.InRange(m.Top.Perplexity, 1, m.Top.Used + 1e-9);
            Assert.InRange(m.Bottom.Used, 1, 32);
        });
        Assert.Equal(2, new MetricsLog<VqVae2Metrics>(Path.Combine(folder.Path, "metrics.jsonl")).ReadAll().Count);
        using var trained = TrainedVqVae2.Load(folder.Path, CPU);
        Assert.Equal(6, trained.Step);
    }

    [Fact]
    public void Extracted_codes_are_the_models_codes_with_the_labels()
    {
        using var folder = new TempDirectory();
        using (var trainer = NewTrainer(folder.Path, Config(maxSteps: 3, batchSize: 16)))
        {
            trainer.Train();
        }

        using var trained = TrainedVqVae2.Load(folder.Path, CPU);
        var data = SmallData.TestImages(37);
        var files = CodeFiles.In(folder.Path, "test");

        VqVae2CodeExtraction.Write(trained.Model, data, CPU, files);

        var (topDims, top) = IdxInt32File.Read(files.Top);
        var (bottomDims, bottom) = IdxInt32File.Read(files.Bottom);
        var labels = IdxFile.Read(files.Labels);
        Assert.Equal(new[] { 37, 7, 7 }, topDims);
        Assert.Equal(new[] { 37, 14, 14 }, bottomDims);
        Assert.Equal(data.Labels, labels.Data.Select(b => (int)b));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = tensor(data.Pixels, [37, 1, 28, 28]);
        var (expectedTop, expectedBottom) = trained.Model.Encode(images);
        Assert.Equal(expectedTop.to_type(ScalarType.Int32).data<int>().ToArray(), top);
        Assert.Equal(expectedBottom.to_type(ScalarType.Int32).data<int>().ToArray(), bottom);
        Assert.All(top.Concat(bottom), c => Assert.InRange(c, 0, 31));
    }

    [Fact]
    public void Rejects_data_of_another_shape_naming_both_shapes()
    {
        using var folder = new TempDirectory();
        var config = Config(4, 32) with { Model = Tiny with { ImageSize = 32 } };

        var error = Assert.Throws<ArgumentException>(() => new VqVae2Recipe(config, SmallData.TrainImages(64), SmallData.TestImages(64), CPU));

        Assert.Contains("1x28x28", error.Message);
        Assert.Contains("1x32x32", error.Message);
    }

    private static VqVae2RunConfig Config(long? maxSteps, int batchSize, double learningRate = 1e-3) => new(
        Tiny,
        new VqVae2TrainingOptions(Epochs: 10, MaxSteps: maxSteps, BatchSize: batchSize, LearningRate: learningRate, Seed: 7),
        SmallData.Source(256, 32));

    private static VqVae2Trainer NewTrainer(string path, VqVae2RunConfig config)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return new VqVae2Trainer(run, new VqVae2Recipe(config, SmallData.TrainImages(256), SmallData.TestImages(32), CPU));
    }

    private sealed class StepRecorder(Action<long>? afterStep = null) : IProgress<TrainingProgress>
    {
        public List<double> Loss { get; } = [];

        public List<double> Mse { get; } = [];

        public void Report(TrainingProgress value)
        {
            Loss.Add(value.Values.Single(v => v.Name == "loss").Value);
            Mse.Add(value.Values.Single(v => v.Name == "mse").Value);
            afterStep?.Invoke(value.Step);
        }
    }
}
