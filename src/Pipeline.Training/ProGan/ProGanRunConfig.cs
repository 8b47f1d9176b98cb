using Pipeline.Models.ProGan;

namespace Pipeline.Training.ProGan;

/// <summary>Everything needed to rebuild, resume or evaluate a Progressive GAN run: written as the run's config.json.</summary>
public sealed record ProGanRunConfig(ProGanOptions Model, ProGanTrainingOptions Training, DataSource Data, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of Progressive GAN runs.</summary>
    public const string RunKind = "progan";

    /// <summary>Written to config.json so that commands can tell these runs from others (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;

    /// <summary>The growth schedule.</summary>
    public ProGanSchedule Schedule => Training.Schedule(Model.Levels);

    /// <summary>Steps of the whole run: the given count, or the schedule's length.</summary>
    public long TotalSteps => Training.Steps > 0 ? Training.Steps : Schedule.Length;

    /// <summary>
    /// The images at the model's size: IDX images smaller than it (Fashion-MNIST's 28×28 for a 32×32 model) centred
    /// on a black canvas; image folders are resized to it when loaded, and other sizes are left for the recipe to refuse.
    /// </summary>
    public ImageDataset AtModelSize(ImageDataset images) =>
        images.Height <= Model.ImageSize && images.Width <= Model.ImageSize && (images.Height, images.Width) != (Model.ImageSize, Model.ImageSize)
            ? images.PadTo(Model.ImageSize, Model.ImageSize)
            : images;

    /// <summary>
    /// A new run's config fitted to its training data: the class count of a conditional model, and the steps fixed
    /// (so that a later change of the default cannot change a resumed run).
    /// </summary>
    public ProGanRunConfig FitTo(ImageDataset train) => this with
    {
        Model = Model.IsConditional ? Model with { ClassCount = train.ClassCount } : Model,
        Training = Training with { Steps = TotalSteps },
    };
}
