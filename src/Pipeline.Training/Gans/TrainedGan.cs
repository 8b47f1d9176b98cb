using Pipeline.Models.Gans;

namespace Pipeline.Training.Gans;

/// <summary>A GAN rebuilt from a run folder's config and last checkpoint, ready for sampling and evaluation.</summary>
public sealed class TrainedGan : TrainedRun<GanRunConfig, GanNetworks>
{
    private TrainedGan((RunFolder, GanRunConfig, GanNetworks, long) restored)
        : base(restored, restored.Item2.Data)
    {
    }

    /// <summary>G as trained.</summary>
    public DcganGenerator RawGenerator => Model.Generator;

    /// <summary>The moving average of G.</summary>
    public DcganGenerator AverageGenerator => Model.AverageGenerator;

    /// <summary>The generator to sample from: the moving average, unless the run switched averaging off.</summary>
    public DcganGenerator Generator => Config.Training.EmaDecay > 0 ? AverageGenerator : RawGenerator;

    /// <summary>D.</summary>
    public ProjectionDiscriminator Discriminator => Model.Discriminator;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into networks built from its config.json.</summary>
    public static TrainedGan Load(string runPath, Device device)
    {
        var gan = new TrainedGan(Restore(runPath, GanRunConfig.RunKind, "`train gan` or `train cgan`", config => GanNetworks.Create(config.Model), networks => networks.Checkpointed(), device));
        if (gan.Config.Training.EmaDecay > 0)
        {
            StandingStatistics.Recalibrate(gan.AverageGenerator, device, seed: gan.Config.Training.Seed);
        }

        return gan;
    }
}
