using Pipeline.Application.Training;
using Pipeline.Application.VqVae2;
using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Application.Tests;

/// <summary>A VQ-VAE-2 prior's run through the shared training job: it lives inside its autoencoder's run, and only there.</summary>
public sealed class VqVae2PriorTrainingTests
{
    [Fact]
    public void A_prior_outside_its_levels_folder_is_refused_before_a_folder_is_made()
    {
        // Given: a VQ-VAE-2 run, and a top prior asked for in the bottom prior's folder.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(RunFolder.ConfigFileName), """{ "kind": "vqvae2" }""");
        var wrong = VqVae2PriorRunConfig.FolderOf(folder.Path, VqVae2PriorLevel.Bottom);

        // When
        var error = Assert.Throws<ArgumentException>(() => VqVae2Operations.TrainPrior(new TrainingRequest<VqVae2PriorRunConfig>(Config(VqVae2PriorLevel.Top), wrong, Resume: false, CPU)));

        // Then
        Assert.Contains(VqVae2PriorRunConfig.FolderOf(folder.Path, VqVae2PriorLevel.Top), error.Message);
        Assert.False(Directory.Exists(wrong));
    }

    [Fact]
    public void A_prior_needs_a_vqvae2_run_around_it()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(RunFolder.ConfigFileName), """{ "kind": "gan" }""");
        var prior = VqVae2PriorRunConfig.FolderOf(folder.Path, VqVae2PriorLevel.Top);

        var error = Assert.Throws<InvalidDataException>(() => VqVae2Operations.TrainPrior(new TrainingRequest<VqVae2PriorRunConfig>(Config(VqVae2PriorLevel.Top), prior, Resume: false, CPU)));

        Assert.Contains("is a 'gan' run; this needs a 'vqvae2' run (made by `train vqvae2`)", error.Message);
        Assert.False(Directory.Exists(prior));
    }

    [Fact]
    public void The_autoencoder_of_a_prior_is_two_folders_up()
    {
        using var folder = new TempDirectory();

        Assert.Equal(folder.Path, VqVae2PriorRunConfig.AutoencoderOf(VqVae2PriorRunConfig.FolderOf(folder.Path, VqVae2PriorLevel.Bottom) + Path.DirectorySeparatorChar));
    }

    private static VqVae2PriorRunConfig Config(string level) =>
        new(level, PixelCnnOptions.CodePrior(2, 1, 1, 0) with { Channels = 4, Layers = 1, OutputChannels = 4 }, new PixelCnnTrainingOptions(Epochs: 1, MaxSteps: 1), Codes: null);
}
