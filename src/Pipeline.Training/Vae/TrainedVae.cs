using Pipeline.Models.Vae;

namespace Pipeline.Training.Vae;

/// <summary>A VAE rebuilt from a run folder's config and last checkpoint, ready for evaluation and pictures.</summary>
public sealed class TrainedVae : TrainedRun<VaeRunConfig, VariationalAutoencoder>
{
    private TrainedVae((RunFolder, VaeRunConfig, VariationalAutoencoder, long) restored)
        : base(restored, restored.Item2.Data)
    {
    }

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into a VAE built from its config.json.</summary>
    public static TrainedVae Load(string runPath, Device device) =>
        new(Restore(runPath, VaeRunConfig.RunKind, "`train vae`", VaeRecipe.CheckpointName, config => VariationalAutoencoder.Create(config.Model), device));
}
