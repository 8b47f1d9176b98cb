using Pipeline.Models.PixelCnn;

namespace Pipeline.Training.PixelCnn;

/// <summary>Everything needed to rebuild, resume or evaluate a PixelCNN run: written as the run's config.json.</summary>
public sealed record PixelCnnRunConfig(PixelCnnOptions Model, PixelCnnTrainingOptions Training, DataSource Data, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of PixelCNN runs.</summary>
    public const string RunKind = "pixelcnn";

    /// <summary>Written to config.json so that commands tell the family (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;
}
