using Pipeline.Models.ProGan;

namespace Pipeline.Training.ProGan;

/// <summary>A Progressive GAN rebuilt from a run folder's config and last checkpoint, ready for sampling, evaluation and export.</summary>
public sealed class TrainedProGan : TrainedRun<ProGanRunConfig, ProGanNetworks>
{
    private TrainedProGan((RunFolder, ProGanRunConfig, ProGanNetworks, long) restored)
        : base(restored, restored.Item2.Data)
    {
    }

    /// <summary>The generator to sample from: the moving average, unless the run switched averaging off.</summary>
    public ProGanGenerator Generator => Config.Training.EmaDecay > 0 ? Model.AverageGenerator : Model.Generator;

    /// <summary>The growth stage of the last step trained.</summary>
    public GrowthStage Stage => Config.Schedule.At(Math.Max(Step - 1, 0));

    /// <summary>Throws <see cref="ArgumentException"/> naming the run and its size unless it has grown to full size, for verbs that need the grown generator.</summary>
    /// <param name="verb">what needs it, e.g. "evaluation"</param>
    public void RequireGrown(string verb)
    {
        var (stage, size) = (Stage, Config.Model.ImageSize);
        if (stage.Level != Config.Model.Levels || stage.IsFading)
        {
            throw new ArgumentException(
                $"{Run.Path} has grown to {stage.Size}x{stage.Size}{(stage.IsFading ? $" (fading in, α = {stage.Alpha:F2})" : "")} at step {Step}; {verb} needs the grown {size}x{size} generator: train on with `train progan --resume --out {Run.Path}` (and a larger --steps).");
        }
    }

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into networks built from its config.json.</summary>
    public static TrainedProGan Load(string runPath, Device device) =>
        new(Restore(runPath, ProGanRunConfig.RunKind, "`train progan`", config => ProGanNetworks.Create(config.Model), networks => networks.Checkpointed(), device));
}
