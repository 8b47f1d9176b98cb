namespace Pipeline.Training.PixelCnn;

/// <summary>A PixelCNN rebuilt from a run folder's config and last checkpoint, ready for sampling, evaluation and export.</summary>
public sealed class TrainedPixelCnn : TrainedRun<PixelCnnRunConfig, Models.PixelCnn.PixelCnn>
{
    private TrainedPixelCnn((RunFolder, PixelCnnRunConfig, Models.PixelCnn.PixelCnn, long) restored)
        : base(restored, restored.Item2.Data)
    {
    }

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into a network built from its config.json.</summary>
    public static TrainedPixelCnn Load(string runPath, Device device) =>
        new(Restore(runPath, PixelCnnRunConfig.RunKind, "`train pixelcnn`", PixelCnnRecipe.CheckpointName, Build, device));

    /// <summary>The network of a PixelCNN config (over pixels, or a VQ-VAE-2 prior's over codes), checked first.</summary>
    internal static Models.PixelCnn.PixelCnn Build(Models.PixelCnn.PixelCnnOptions options)
    {
        options.Validate();
        return new Models.PixelCnn.PixelCnn(options);
    }

    private static Models.PixelCnn.PixelCnn Build(PixelCnnRunConfig config) => Build(config.Model);
}
