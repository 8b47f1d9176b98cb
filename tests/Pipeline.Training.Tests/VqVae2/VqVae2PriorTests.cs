using Pipeline.Data;
using Pipeline.Models.PixelCnn;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;
using PriorTrainer = Pipeline.Training.Tests.Loop.RecipeTrainer<Pipeline.Training.PixelCnn.PixelCnnRecipe, Pipeline.Training.PixelCnn.PixelCnnStepReport, Pipeline.Training.PixelCnn.PixelCnnMetrics>;

namespace Pipeline.Training.Tests.VqVae2;

public sealed class VqVae2PriorTests
{
    // Codes of a 4x4 top grid and 8x8 bottom grid, K = 8, 3 classes: each grid a function of its class and a little noise,
    // so a prior that uses the class and the top codes can learn them in a few steps.
    private static readonly VqVae2CodeStamp Stamp = new(AutoencoderStep: 5, TopGrid: 4, BottomGrid: 8, CodebookSize: 8, ClassCount: 3, TrainImages: 96, TestImages: 24);
    private static readonly PixelCnnOptions Shape = PixelCnnOptions.CodePrior(2, 1, 1, 0) with { Channels = 16, Layers = 2, FirstKernelSize = 3, OutputChannels = 16 };

    [Theory]
    [InlineData("top")]
    [InlineData("bottom")]
    public void A_prior_trained_a_few_dozen_steps_on_codes_lowers_its_bits_per_code(string level)
    {
        // Given
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp);
        var config = Config(level, maxSteps: 30);
        var losses = new List<double>();

        // When
        IReadOnlyList<PixelCnnMetrics> metrics;
        using (var trainer = NewTrainer(NewRun(folder.File("prior"), config), config, codes))
        {
            trainer.Train(new Progress(losses));
            metrics = trainer.Metrics;
        }

        // Then: the loss falls from about log2 8 = 3 bits, and the test figure is logged with the whole test split.
        Assert.Equal(30, losses.Count);
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average() * 0.8, $"bits/code went from {losses.Take(5).Average():F3} to {losses.TakeLast(5).Average():F3}");
        Assert.Equal(24, metrics[^1].TestImages);
        Assert.InRange(metrics[^1].TestBitsPerDimension, 0.01, 3.0);
    }

    [Fact]
    public void Bits_per_code_are_the_exact_nats_of_each_test_grid_over_positions_and_ln_2()
    {
        // Given: an untrained bottom prior and the test codes.
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp);
        var test = PriorCodes.Load(CodeFiles.In(codes, "test"), "bottom", Stamp, CPU);
        random.manual_seed(3);
        using var net = new Models.PixelCnn.PixelCnn(VqVae2PriorRunConfig.Network("bottom", Stamp, Shape, new PixelCnnTrainingOptions()));

        // When
        var evaluation = PixelCnnEvaluator.Evaluate(net, test, batchSize: 7);

        // Then: −Σ log softmax(logits)[code] by hand, over all 24 grids at once.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (grid, labels, condition) = test.Gather(Enumerable.Range(0, 24).ToArray());
        var logProbabilities = nn.functional.log_softmax(net.call(grid, labels, condition), 1).gather(1, grid.unsqueeze(1)); // (24, 1, 8, 8)
        var bits = -logProbabilities.to_type(ScalarType.Float64).sum().item<double>() / (24 * 64 * Math.Log(2));
        Assert.Equal(24, evaluation.Grids);
        Assert.Equal(bits, evaluation.BitsPerDimension, 5);
    }

    [Fact]
    public void Rejects_a_code_outside_the_codebook_naming_the_file_and_the_position()
    {
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp, corrupt: values => values[17] = 8);

        var error = Assert.Throws<InvalidDataException>(() => PriorCodes.Load(CodeFiles.In(codes, "train"), "top", Stamp, CPU));

        Assert.Contains("train-top-codes", error.Message);
        Assert.Contains("code 8 of grid 1 (row 0, column 1)", error.Message);
        Assert.Contains("[0, 8)", error.Message);
    }

    [Fact]
    public void Rejects_grids_of_another_shape_naming_both_shapes()
    {
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp);

        var error = Assert.Throws<InvalidDataException>(() => PriorCodes.Load(CodeFiles.In(codes, "train"), "bottom", Stamp with { BottomGrid = 7 }, CPU));

        Assert.Contains("train-bottom-codes", error.Message);
        Assert.Contains("(N, 7, 7)", error.Message);
        Assert.Contains("96x8x8", error.Message);
    }

    [Fact]
    public void Rejects_an_unknown_class_naming_the_label_file()
    {
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp);

        var error = Assert.Throws<InvalidDataException>(() => PriorCodes.Load(CodeFiles.In(codes, "test"), "top", Stamp with { ClassCount = 2 }, CPU));

        Assert.Contains("test-labels", error.Message);
        Assert.Contains("label 2 of grid 2", error.Message);
    }

    [Fact]
    public void Refuses_to_train_on_codes_of_another_autoencoder_checkpoint()
    {
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp with { AutoencoderStep = 9 });
        var config = Config("top", maxSteps: 2);

        var error = Assert.Throws<InvalidDataException>(() => PriorTrainingCodes.Load(codes, config.Level, config.Codes, folder.File("prior"), CPU));

        Assert.Contains("autoencoder step 9", error.Message);
        Assert.Contains("autoencoder step 5", error.Message);
    }

    [Fact]
    public void A_resumed_prior_repeats_the_uninterrupted_run()
    {
        using var folder = new TempDirectory();
        var codes = WriteCodes(folder.File("codes"), Stamp);
        var config = Config("bottom", maxSteps: 8) with { Training = Config("bottom", 8).Training with { LogEverySteps = 4 } };
        var straight = new List<double>();
        using (var trainer = NewTrainer(NewRun(folder.File("straight"), config), config, codes))
        {
            trainer.Train(new Progress(straight));
        }

        using var stop = new CancellationTokenSource();
        var before = new List<double>();
        using (var trainer = NewTrainer(NewRun(folder.File("resumed"), config), config, codes))
        {
            trainer.Train(new Progress(before, step => { if (step == 3) { stop.Cancel(); } }), stop.Token);
        }

        var after = new List<double>();
        using (var trainer = NewTrainer(RunFolder.Open(folder.File("resumed")), config, codes))
        {
            trainer.Resume();
            Assert.Equal(3, trainer.Step);
            trainer.Train(new Progress(after));
        }

        Assert.Equal(straight, before.Concat(after));
    }

    [Fact]
    public void An_image_seed_gives_the_same_codes_and_image_whatever_else_is_in_the_batch()
    {
        // Given: an untrained tiny autoencoder (8 px: 4x4 bottom, 2x2 top, K = 16) and priors fitted to its grids.
        random.manual_seed(4);
        using var autoencoder = VqVae2Autoencoder.Create(new VqVae2Options(ImageSize: 8, HiddenChannels: 8, ResidualChannels: 4, ResidualBlocks: 0, CodebookSize: 16, CodeDim: 4));
        var stamp = new VqVae2CodeStamp(0, 2, 4, 16, 10, 1, 1);
        using var top = new Models.PixelCnn.PixelCnn(VqVae2PriorRunConfig.Network("top", stamp, Shape, new PixelCnnTrainingOptions()));
        using var bottom = new Models.PixelCnn.PixelCnn(VqVae2PriorRunConfig.Network("bottom", stamp, Shape, new PixelCnnTrainingOptions()));
        var sampling = new CategoricalSampling(Temperature: 1.0, TopK: 12);

        // When: seed 42 of class 3 drawn beside two others, and alone.
        using var scope = NewDisposeScope();
        var (batchImages, batchTop, batchBottom) = VqVae2Sampler.Sample(autoencoder, top, bottom, [7, 42, 8], [1, 3, 3], sampling, CPU);
        var (aloneImages, aloneTop, aloneBottom) = VqVae2Sampler.Sample(autoencoder, top, bottom, [42], [3], sampling, CPU);

        // Then
        Assert.Equal(new long[] { 3, 1, 8, 8 }, batchImages.shape);
        Assert.True(batchTop[1].eq(aloneTop[0]).all().item<bool>(), "top codes differ");
        Assert.True(batchBottom[1].eq(aloneBottom[0]).all().item<bool>(), "bottom codes differ");
        Assert.True(batchImages[1].allclose(aloneImages[0], rtol: 0, atol: 1e-6), "images differ");
        Assert.False(batchBottom[1].eq(batchBottom[2]).all().item<bool>(), "two seeds of one class should differ");
        foreach (var grid in new[] { batchTop, batchBottom, aloneTop, aloneBottom })
        {
            grid.Dispose();
        }
    }

    [Fact]
    public void A_missing_prior_names_its_folder_and_the_command_that_trains_it()
    {
        using var folder = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => TrainedVqVae2Prior.Load(folder.Path, "bottom", CPU));

        Assert.Contains(Path.Combine(folder.Path, "priors", "bottom"), error.Message);
        Assert.Contains($"train vqvae2-prior --autoencoder {folder.Path} --level bottom", error.Message);
    }

    private static VqVae2PriorRunConfig Config(string level, long maxSteps) => new(
        level,
        VqVae2PriorRunConfig.Network(level, Stamp, Shape, new PixelCnnTrainingOptions()),
        new PixelCnnTrainingOptions(Epochs: 100, MaxSteps: maxSteps, BatchSize: 16, LearningRate: 3e-3, Seed: 11),
        Stamp);

    // The prior's recipe over the codes (checked against the config's stamp) and the shared loop, as the training job runs them.
    private static PriorTrainer NewTrainer(RunFolder run, VqVae2PriorRunConfig config, string codes)
    {
        var data = PriorTrainingCodes.Load(codes, config.Level, config.Codes, run.Path, CPU);
        return new PriorTrainer(run, new PixelCnnRecipe(config.Model, config.Training, data.Train, data.Test, CPU, VqVae2PriorRunConfig.RunKind));
    }

    private static RunFolder NewRun(string path, VqVae2PriorRunConfig config)
    {
        var run = RunFolder.Create(path);
        run.WriteConfig(config);
        return run;
    }

    /// <summary>Writes both splits of structured codes and the stamp into <paramref name="folder"/>; returns it.</summary>
    private static string WriteCodes(string folder, VqVae2CodeStamp stamp, Action<int[]>? corrupt = null)
    {
        Directory.CreateDirectory(folder);
        var noise = new Random(5);
        foreach (var (split, count) in new[] { ("train", stamp.TrainImages), ("test", stamp.TestImages) })
        {
            var labels = Enumerable.Range(0, count).Select(i => i % 3).ToArray();
            var top = labels.SelectMany(l => Enumerable.Range(0, 16).Select(p => noise.NextDouble() < 0.1 ? noise.Next(8) : (l + (p % 2)) % 8)).ToArray();
            var bottom = Enumerable.Range(0, count).SelectMany(n => Enumerable.Range(0, 64).Select(p => (top[(n * 16) + ((p / 8 / 2) * 4) + (p % 8 / 2)] + 1) % 8)).ToArray();
            if (split == "train")
            {
                corrupt?.Invoke(top);
            }

            var files = CodeFiles.In(folder, split);
            IdxInt32File.Write(files.Top, [count, 4, 4], top);
            IdxInt32File.Write(files.Bottom, [count, 8, 8], bottom);
            IdxFile.Write(files.Labels, new IdxArray([count], labels.Select(l => (byte)l).ToArray()));
        }

        stamp.Write(folder);
        return folder;
    }

    private sealed class Progress(List<double> bits, Action<long>? afterStep = null) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            bits.Add(value.Values.Single().Value);
            afterStep?.Invoke(value.Step);
        }
    }
}
