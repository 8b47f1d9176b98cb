using Pipeline.Training.PixelCnn;

namespace Pipeline.Training.VqVae2;

/// <summary>One trained prior of a VQ-VAE-2 run, rebuilt from RUN/priors/LEVEL's config and last checkpoint, in eval mode.</summary>
public sealed class TrainedVqVae2Prior : TrainedRun<VqVae2PriorRunConfig, Models.PixelCnn.PixelCnn>
{
    private TrainedVqVae2Prior((RunFolder, VqVae2PriorRunConfig, Models.PixelCnn.PixelCnn, long) restored)
        : base(restored, data: null)
    {
    }

    /// <summary>The codes it was trained on (always recorded once the prior has trained).</summary>
    public VqVae2CodeStamp Codes => Config.Codes ?? throw new InvalidDataException($"{Run.ConfigPath}: no \"codes\" stamp; train this prior anew.");

    /// <summary>True when <paramref name="autoencoderRun"/> has a trained prior of <paramref name="level"/>.</summary>
    public static bool Exists(string autoencoderRun, string level)
    {
        var folder = VqVae2PriorRunConfig.FolderOf(autoencoderRun, level);
        return File.Exists(Path.Combine(folder, RunFolder.ConfigFileName)) && File.Exists(Path.Combine(folder, "checkpoints", "last.ckpt"));
    }

    /// <summary>
    /// The <paramref name="level"/> prior of the VQ-VAE-2 run <paramref name="autoencoderRun"/>. A missing prior is a
    /// <see cref="FileNotFoundException"/> naming its folder and the command that trains it.
    /// </summary>
    public static TrainedVqVae2Prior Load(string autoencoderRun, string level, Device device)
    {
        var folder = VqVae2PriorRunConfig.FolderOf(autoencoderRun, level);
        if (!Exists(autoencoderRun, level))
        {
            throw new FileNotFoundException(
                $"{folder} holds no trained {level} prior: train it with `pipeline train vqvae2-prior --autoencoder {autoencoderRun} --level {level}`.", folder);
        }

        return new(Restore(folder, VqVae2PriorRunConfig.RunKind, "`train vqvae2-prior`", PixelCnnRecipe.CheckpointName, config => TrainedPixelCnn.Build(config.Model), device));
    }
}
