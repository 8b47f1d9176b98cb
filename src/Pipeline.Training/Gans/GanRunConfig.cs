using Pipeline.Models.Gans;

namespace Pipeline.Training.Gans;

/// <summary>Everything needed to rebuild, resume or evaluate a GAN run: written as the run's config.json.</summary>
public sealed record GanRunConfig(GanOptions Model, GanTrainingOptions Training, DataSource Data, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of GAN runs (conditional or not: <see cref="GanOptions.ClassCount"/> says).</summary>
    public const string RunKind = "gan";

    /// <summary>Written to config.json so that commands can tell GAN runs from VAE runs (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;

    /// <summary>A new run's config with the class count of a conditional GAN taken from its training data.</summary>
    public GanRunConfig FitTo(Pipeline.Data.ImageDataset train) =>
        Model.IsConditional ? this with { Model = Model with { ClassCount = train.ClassCount } } : this;
}
