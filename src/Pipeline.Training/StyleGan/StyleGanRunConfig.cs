using Pipeline.Models.StyleGan;

namespace Pipeline.Training.StyleGan;

/// <summary>Everything needed to rebuild, resume or evaluate a StyleGAN2 run: written as the run's config.json.</summary>
/// <param name="Model">The networks.</param>
/// <param name="Training">The optimisation.</param>
/// <param name="Data">The images; IDX sets smaller than the model (Fashion-MNIST's 28×28) are padded to its size (see <see cref="StyleGanData"/>).</param>
/// <param name="Device">The device it was trained on.</param>
/// <param name="Threads">libtorch threads (0: its default).</param>
public sealed record StyleGanRunConfig(StyleGanOptions Model, StyleGanTrainingOptions Training, DataSource Data, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of StyleGAN2 runs.</summary>
    public const string RunKind = "stylegan";

    /// <summary>Written to config.json so that commands can tell StyleGAN2 runs from others (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;

    /// <summary>A new run's config with the class count of a conditional model taken from its training data.</summary>
    public StyleGanRunConfig FitTo(ImageDataset train) =>
        Model.IsConditional ? this with { Model = Model with { ClassCount = train.ClassCount } } : this;
}
