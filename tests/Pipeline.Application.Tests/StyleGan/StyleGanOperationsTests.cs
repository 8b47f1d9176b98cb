using Pipeline.Application.StyleGan;
using Pipeline.Application.Training;
using Pipeline.Models.StyleGan;
using Pipeline.Training.Runs;
using Pipeline.Training.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.Application.Tests.StyleGan;

/// <summary>StyleGAN2 as an app calls it: train on Fashion-MNIST padded to 32×32, then pictures from the averaged generator.</summary>
public sealed class StyleGanOperationsTests
{
    private static StyleGanRunConfig Config(long steps) => new(
        StyleGanOptions.Fashion32 with { LatentSize = 16, StyleSize = 16, MappingLayers = 2, MaxWidth = 16, MinWidth = 8 },
        new StyleGanTrainingOptions(Steps: steps, BatchSize: 8, LogEverySteps: 1, SampleEverySteps: 2, CheckpointEverySteps: 2),
        DataSource.FashionMnist(64, 32));

    [Fact]
    public void Trains_on_padded_fashion_mnist_and_draws_the_same_pictures_for_the_same_seed()
    {
        // Given
        using var folder = new TempDirectory();
        var report = StyleGanOperations.Train(new TrainingRequest<StyleGanRunConfig>(Config(steps: 2), folder.File("run"), Resume: false, CPU));
        using var gan = TrainedStyleGan.Load(report.Run.Path, CPU);

        // When
        var first = StyleGanOperations.Mix(gan, CPU, across: 2, down: 1, truncation: 0.7, seed: 3, path: folder.File("a.png"));
        var second = StyleGanOperations.Mix(gan, CPU, across: 2, down: 1, truncation: 0.7, seed: 3, path: folder.File("b.png"));
        var samples = StyleGanOperations.Sample(gan, CPU, count: 10, labels: null, truncation: 1, seed: 1);

        // Then
        Assert.True(report.Completed);
        Assert.Equal(32, gan.Config.Model.ImageSize);
        Assert.Equal(NoiseMode.Fixed, gan.Generator.Synthesis.NoiseMode);
        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.Equal("samples (one row per class)", Assert.Single(samples).Description);
    }

    [Fact]
    public void Images_larger_than_the_model_leave_no_run_folder_behind()
    {
        using var folder = new TempDirectory();
        var config = Config(steps: 1) with { Model = Config(1).Model with { ImageSize = 16 } };

        var error = Assert.Throws<ArgumentException>(() => StyleGanOperations.Train(new TrainingRequest<StyleGanRunConfig>(config, folder.File("run"), Resume: false, CPU)));

        Assert.Contains("images are 1x28x28, the StyleGAN expects 1x16x16", error.Message);
        Assert.False(Directory.Exists(folder.File("run")));
    }
}
