using Pipeline.Models.VqVae2;

namespace Pipeline.Training.VqVae2;

/// <summary>A VQ-VAE-2 rebuilt from a run folder's config and last checkpoint (codebooks included), in eval mode.</summary>
public sealed class TrainedVqVae2 : TrainedRun<VqVae2RunConfig, VqVae2Autoencoder>
{
    private TrainedVqVae2((RunFolder, VqVae2RunConfig, VqVae2Autoencoder, long) restored)
        : base(restored, restored.Item2.Data)
    {
    }

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into a model built from its config.json.</summary>
    public static TrainedVqVae2 Load(string runPath, Device device) =>
        new(Restore(runPath, VqVae2RunConfig.RunKind, "`train vqvae2`", VqVae2Recipe.CheckpointName, config => VqVae2Autoencoder.Create(config.Model), device));
}
