using Pipeline.Models.StyleGan;

namespace Pipeline.Training.StyleGan;

/// <summary>A StyleGAN2 rebuilt from a run folder's config and last checkpoint, ready for sampling, mixing and evaluation.</summary>
public sealed class TrainedStyleGan : TrainedRun<StyleGanRunConfig, StyleGanNetworks>
{
    private TrainedStyleGan((RunFolder, StyleGanRunConfig, StyleGanNetworks, long) restored)
        : base(restored, restored.Item2.Data)
    {
    }

    /// <summary>G as trained.</summary>
    public StyleGenerator RawGenerator => Model.Generator;

    /// <summary>
    /// The generator to sample from: the moving average of G (its noise fixed, as StyleGAN2's noise_mode='const', so the
    /// same latent gives the same image), unless the run switched averaging off.
    /// </summary>
    public StyleGenerator Generator => Config.Training.EmaHalfLifeImages > 0 ? Model.AverageGenerator : Model.Generator;

    /// <summary>D.</summary>
    public StyleDiscriminator Discriminator => Model.Discriminator;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into networks built from its config.json.</summary>
    public static TrainedStyleGan Load(string runPath, Device device)
    {
        var gan = new TrainedStyleGan(Restore(runPath, StyleGanRunConfig.RunKind, "`train stylegan`", config => StyleGanNetworks.Create(config.Model), networks => networks.Checkpointed(), device));
        gan.Generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        return gan;
    }
}
